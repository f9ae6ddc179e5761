"""The burn-down chart as server-rendered SVG: calls per day as bars, no script."""

from dataclasses import dataclass

WIDTH = 720
HEIGHT = 180
AXIS = 24  # room under the bars for the first and last dates


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


def burn_down(daily: list) -> dict:
    """Bars scaled to the busiest day; each bar titled with its date and count."""
    peak = max((day.calls for day in daily), default=0) or 1
    step = WIDTH / max(len(daily), 1)
    plot = HEIGHT - AXIS
    bars = []
    for index, day in enumerate(daily):
        height = plot * day.calls / peak
        bars.append(
            Bar(
                x=round(index * step, 2),
                y=round(plot - height, 2),
                width=round(max(step - 1, 1), 2),
                height=round(height, 2),
                label=f"{day.day:%d %b %Y}: {day.calls} calls",
            )
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "plot_height": plot,
        "bars": bars,
        "peak": peak if daily and any(day.calls for day in daily) else 0,
        "first": daily[0].day if daily else None,
        "last": daily[-1].day if daily else None,
        "total": sum(day.calls for day in daily),
    }
