/* visible.h - a stream that never lets a control character of the input through: what
 * certdiag prints quotes certificates, file names, archive members and log lines a customer
 * (or an attacker) wrote, and an escape sequence among them would act on the admin's terminal
 * (set its title, move the cursor, hide text). */
#ifndef CD_UTIL_VISIBLE_H
#define CD_UTIL_VISIBLE_H

#include <stdio.h>

/* A FILE that writes to under, each control byte (0x00-0x1f but tab and newline, and 0x7f)
 * as "\xNN". With allow_sgr, the colour sequences certdiag's own writers emit (ESC [ 0, 1, 2,
 * 31, 32, 33 or 36 m) pass unchanged; any other ESC is escaped. Closing it flushes into under
 * and leaves under open. NULL when it cannot be made (then write to under directly). */
FILE *cd_visible_stream(FILE *under, int allow_sgr);

#endif
