/* timefmt.h - evaluation times: parsing --at and printing RFC 3339 UTC. */
#ifndef CD_UTIL_TIMEFMT_H
#define CD_UTIL_TIMEFMT_H

#include <stdint.h>

/* Seconds since the epoch, UTC. Certificates reach year 9999, so 64-bit. */
typedef int64_t cd_time_t;
#define CD_TIME_NONE INT64_MIN

/* Accepts "2026-06-01T12:00:00Z", "2026-06-01T12:00:00+02:00", "2026-06-01 12:00:00",
 * "2026-06-01" (midnight UTC) and "@1780000000". CD_OK or CD_E_USAGE. */
int cd_time_parse(const char *s, cd_time_t *out);
/* "2026-06-01T12:00:00Z" into out (at least 32 bytes); "unknown" for CD_TIME_NONE. */
void cd_time_format(cd_time_t t, char *out, unsigned size);

#endif
