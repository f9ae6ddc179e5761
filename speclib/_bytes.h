/*
 * Eight bytes at a time, for the compiled modules' scans over text (_jsonmeasure.c,
 * lint/_positions.c): most of a document is runs of bytes that a scan only steps over.
 */
#ifndef SPECLIB_BYTES_H
#define SPECLIB_BYTES_H

#include <stdint.h>
#include <string.h>

#define EIGHT_LOWS 0x0101010101010101ULL
#define EIGHT_HIGHS 0x8080808080808080ULL

/* The eight bytes at p as one word (in the machine's order; the tests below do not care). */
static inline uint64_t
eight_bytes(const unsigned char *p)
{
    uint64_t word;
    memcpy(&word, p, 8);
    return word;
}

/* Whether one of the word's bytes is `byte`: x = word ^ byte.. has a zero byte exactly
   there, and (x - 0x01..) & ~x & 0x80.. is not zero exactly when x has a zero byte. */
static inline int
holds_byte(uint64_t word, unsigned char byte)
{
    uint64_t x = word ^ (EIGHT_LOWS * byte);
    return ((x - EIGHT_LOWS) & ~x & EIGHT_HIGHS) != 0;
}

#endif
