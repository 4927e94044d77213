/* timefmt.c - evaluation times (RFC 3339 §5.6 profile of ISO 8601). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "util/error.h"
#include "util/str.h"
#include "util/timefmt.h"

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days from civil (Howard Hinnant's algorithm): no dependence on time_t width or TZ. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int cd_time_parse(const char *s, cd_time_t *out)
{
	int Y, M, D, h = 0, m = 0, sec = 0;
	size_t n = strlen(s);
	const char *p;
	int64_t off = 0;

	if (s[0] == '@') {
		unsigned long v;
		if (cd_parse_uint(s + 1, 253402300799UL, &v) < 0)
			return CD_E_USAGE;
		*out = (cd_time_t)v;
		return CD_OK;
	}
	if (n < 10 || digits(s, 4, &Y) || s[4] != '-' || digits(s + 5, 2, &M) || s[7] != '-' ||
	    digits(s + 8, 2, &D))
		return CD_E_USAGE;
	p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (strlen(p) < 9 || digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &m) ||
		    p[6] != ':' || digits(p + 7, 2, &sec))
			return CD_E_USAGE;
		p += 9;
		if (*p == '.') { /* fractional seconds are accepted and dropped */
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			if (strlen(p) != 6 || digits(p + 1, 2, &oh) || p[3] != ':' ||
			    digits(p + 4, 2, &om) || oh > 23 || om > 59)
				return CD_E_USAGE;
			off = (int64_t)(oh * 3600 + om * 60) * (*p == '+' ? 1 : -1);
			p += 6;
		}
	}
	if (*p || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60)
		return CD_E_USAGE;
	*out = days_from_civil(Y, (unsigned)M, (unsigned)D) * 86400 + h * 3600 + m * 60 + sec - off;
	return CD_OK;
}

void cd_time_format(cd_time_t t, char *out, unsigned size)
{
	int64_t days, rem;
	int64_t z, era, y;
	unsigned doe, yoe, doy, mp, d, mo;
	if (t == CD_TIME_NONE) {
		snprintf(out, size, "unknown");
		return;
	}
	days = t / 86400;
	rem = t % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	mo = mp < 10 ? mp + 3 : mp - 9;
	y += mo <= 2;
	snprintf(out, size, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, mo, d,
		 (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
}
