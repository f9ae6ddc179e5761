"""Built-in rulesets, as Python data in Spectral's ruleset shape: ``spectral_oas`` (Spectral's
own ``spectral:oas``) and ``portal_recommended`` (the portal's governance ruleset)."""
