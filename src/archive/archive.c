/* archive.c - recognise archives by their magic numbers (zip APPNOTE 4.3.7, POSIX ustar, 7z,
 * cpio(5), RFC 1952 gzip, bzip2, xz, RFC 8878 zstd) and walk them in memory with libarchive
 * (archive_read_open_memory), feeding each regular member back to cd_ingest_buffer(). Nothing
 * is written to disk; every limit of archive.h is an event, never a silent drop. */
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "archive/archive.h"
#include "util/buf.h"
#include "util/cursor.h"
#include "util/error.h"
#include "util/str.h"

/* Bytes asked of libarchive per read: the unit in which a member grows. */
#define CD_ARCHIVE_CHUNK (64U * 1024)
/* ARCHIVE_RETRY from one header read is retried at most this many times. */
#define CD_ARCHIVE_MAX_RETRY 16
/* A zip member whose data is damaged leaves libarchive's reader dead (ARCHIVE_FATAL); zip
 * members are independent, so the archive is opened again past that member, this many
 * times at most per archive (each costs one pass over the central directory). */
#define CD_ARCHIVE_MAX_RESUME 64

static int starts(const uint8_t *d, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(d, magic, n) == 0;
}

/* POSIX.1-1988 tar header checksum: the sum of the 512 header bytes, the checksum field
 * counted as spaces. */
static int tar_checksum_ok(const uint8_t *h)
{
	unsigned long want = 0, sum = 0;
	int digits = 0;
	for (size_t i = 148; i < 156; i++) {
		if (h[i] >= '0' && h[i] <= '7') {
			want = want * 8 + (unsigned long)(h[i] - '0');
			digits++;
		} else if (h[i] != ' ' && h[i] != 0) {
			return 0;
		} else if (digits) {
			break;
		}
	}
	for (size_t i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return digits > 0 && sum == want && h[0] != 0;
}

enum cd_archive_format cd_archive_bid(const uint8_t *d, size_t len)
{
	if (!d)
		return CD_ARCHIVE_NONE;
	if (starts(d, len, "PK\003\004", 4) || starts(d, len, "PK\005\006", 4) ||
	    (starts(d, len, "PK\007\010", 4) && len >= 8 && !memcmp(d + 4, "PK\003\004", 4)))
		return CD_ARCHIVE_ZIP;
	if (starts(d, len, "7z\274\257\047\034", 6))
		return CD_ARCHIVE_7Z;
	if (starts(d, len, "\037\213\010", 3))
		return CD_ARCHIVE_GZIP;
	if (starts(d, len, "BZh", 3) && len >= 10 && d[3] >= '1' && d[3] <= '9' &&
	    (!memcmp(d + 4, "1AY&SY", 6) || !memcmp(d + 4, "\027rE8P\220", 6)))
		return CD_ARCHIVE_BZIP2;
	if (starts(d, len, "\375" "7zXZ\0", 6))
		return CD_ARCHIVE_XZ;
	if (starts(d, len, "\050\265\057\375", 4))
		return CD_ARCHIVE_ZSTD;
	if (starts(d, len, "070707", 6) || starts(d, len, "070701", 6) || starts(d, len, "070702", 6))
		return CD_ARCHIVE_CPIO;
	if (len >= 26 && ((d[0] == 0xc7 && d[1] == 0x71) || (d[0] == 0x71 && d[1] == 0xc7))) {
		/* old binary cpio: a two-byte magic, so also ask for a sane name size */
		unsigned ns = d[0] == 0xc7 ? cd_load_le16(d + 20) : cd_load_be16(d + 20);
		if (ns > 0 && ns <= CD_LIMIT_MEMBER_PATH)
			return CD_ARCHIVE_CPIO;
	}
	if (len >= 512 && tar_checksum_ok(d)) /* ustar, GNU and v7 headers alike */
		return CD_ARCHIVE_TAR;
	return CD_ARCHIVE_NONE;
}

const char *cd_archive_format_name(enum cd_archive_format f)
{
	static const char *const names[] = {"", "zip", "tar", "7z", "cpio", "gzip", "bzip2", "xz",
					    "zstd"};
	return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "";
}

struct walker {
	struct cd_model *m;
	const struct cd_source *src; /* the archive's own provenance */
	struct cd_ingest_opts inner; /* the caller's, one archive deeper */
	enum cd_archive_format f;
	size_t len;                  /* compressed size: the ratio's denominator */
	uint64_t inflated;           /* bytes decompressed from this archive so far */
	unsigned long members;
	int stop;                    /* a limit or a fatal error ends this archive */
	int resume;                  /* the fatal error was inside one member's data */
	size_t cpio_len;             /* cpio: bytes whose headers fit (cpio_checked_len) */
	int cut;                     /* the archive was cut before a lying header (reported) */
	int opened;                  /* archive_read_open_memory succeeded: a format was chosen */
	int nomem;
	int fd;                      /* >= 0: read the archive from this file, not from memory */
	const uint8_t *head;         /* fd: the file's first bytes (for a compressed file's name) */
	size_t head_len;
};

static int is_compressed_stream(enum cd_archive_format f)
{
	return f == CD_ARCHIVE_GZIP || f == CD_ARCHIVE_BZIP2 || f == CD_ARCHIVE_XZ ||
	       f == CD_ARCHIVE_ZSTD;
}

/* An event about the archive itself. */
static void archive_event(struct walker *w, const char *rule, const char *msg)
{
	cd_model_event(w->m, rule, w->src, 0, SIZE_MAX, "%s", msg);
}

/* An event about one member: path "<archive>!/<name>", rel the inner name. */
static void member_event(struct walker *w, const char *rule, const char *name, const char *rel,
			 const char *fmt, const char *arg)
{
	struct cd_source s;
	struct cd_buf p;
	memset(&s, 0, sizeof(s));
	cd_buf_init(&p, 1 << 20);
	cd_buf_addf(&p, "%s!/%s", w->src->path ? w->src->path : "", name);
	s.path = (char *)(p.data ? (char *)p.data : "");
	s.rel = (char *)rel;
	cd_model_event(w->m, rule, &s, 0, SIZE_MAX, fmt, arg);
	cd_buf_release(&p);
}

/* libarchive says "truncated" in its own words per format; told apart from "damaged". */
static int says_truncated(const char *e)
{
	return e && (strstr(e, "runcated") || strstr(e, "remature end") ||
		     strstr(e, "nexpected end") || strstr(e, "nexpected EOF") ||
		     strstr(e, "decompression failed (-5)")); /* zlib Z_BUF_ERROR: input ran out */
}

static const char *errstr(struct archive *a)
{
	const char *e = archive_error_string(a);
	return e ? e : "unknown error";
}

/* Where libarchive stands, for messages: the byte offset of the header of the member read
 * last, in the archive or, when it is compressed, in the decompressed stream. libarchive knows
 * no offset of the damage itself; "" before the first header. */
static void where_in(struct archive *a, const char *what, char *out, size_t size)
{
	la_int64_t hdr = archive_read_header_position(a);
	out[0] = 0;
	if (hdr < 0 || !what)
		return;
	snprintf(out, size, " (%s header at byte %lld of the %s)", what, (long long)hdr,
		 archive_filter_count(a) > 1 ? "decompressed stream" : "archive");
}

/* Member name as an inner path for roles: no leading '/', no "." or ".." components, no
 * drive letter. Returns 1 when the name was unsafe (absolute or escaping the archive). */
static int inner_path(const char *name, char *out, size_t size)
{
	int unsafe = 0;
	size_t o = 0;
	const char *p = name;
	if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':') {
		unsafe = 1;
		p += 2;
	}
	if (*p == '/' || *p == '\\')
		unsafe = 1;
	out[0] = 0;
	while (*p) {
		size_t n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			unsafe = 1;
		else if (n > 0 && !(n == 1 && p[0] == '.') && o + n + 2 < size) {
			if (o)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
			out[o] = 0;
		}
		p += n;
		while (*p == '/' || *p == '\\')
			p++;
	}
	return unsafe;
}

/* Name of the one file inside a compressed stream: the gzip FNAME field (RFC 1952 §2.3.1)
 * when present, else the archive's file name without its compression suffix. */
static void stream_member_name(const uint8_t *d, size_t len, const char *outer, char *out,
			       size_t size)
{
	static const char *const sfx[] = {".gz", ".gzip", ".z", ".bz2", ".xz", ".zst", ".zstd", NULL};
	const char *base;
	size_t n;
	if (len > 10 && d[0] == 0x1f && d[1] == 0x8b && (d[3] & 0x08)) {
		size_t p = 10;
		if (d[3] & 0x04) {
			if (len < 12)
				goto fallback;
			p = 12 + (size_t)cd_load_le16(d + 10);
		}
		if (p < len) {
			const uint8_t *z = memchr(d + p, 0, len - p);
			if (z && z > d + p) {
				char tmp[256];
				size_t l = (size_t)(z - (d + p));
				snprintf(tmp, sizeof(tmp), "%.*s", (int)(l < 255 ? l : 255),
					 (const char *)(d + p));
				base = strrchr(tmp, '/');
				cd_strlcpy(out, base ? base + 1 : tmp, size);
				if (*out)
					return;
			}
		}
	}
fallback:
	base = outer ? strrchr(outer, '/') : NULL;
	base = base ? base + 1 : (outer ? outer : "");
	/* inside an archive the outer path ends "...!/name" */
	cd_strlcpy(out, *base ? base : "data", size);
	n = strlen(out);
	for (size_t i = 0; sfx[i]; i++) {
		size_t k = strlen(sfx[i]);
		if (n > k && cd_str_endswith_ci(out, sfx[i])) {
			out[n - k] = 0;
			return;
		}
	}
}

static int enable_readers(struct archive *a, enum cd_archive_format f)
{
	int r = ARCHIVE_OK;
	/* Decompressors built into libarchive only: a missing library would otherwise make
	 * libarchive run an external program. */
	if (archive_zlib_version())
		r |= archive_read_support_filter_gzip(a);
	if (archive_bzlib_version())
		r |= archive_read_support_filter_bzip2(a);
	if (archive_liblzma_version()) {
		r |= archive_read_support_filter_xz(a);
		r |= archive_read_support_filter_lzma(a);
	}
	if (archive_libzstd_version())
		r |= archive_read_support_filter_zstd(a);
	switch (f) {
	case CD_ARCHIVE_ZIP: r |= archive_read_support_format_zip(a); break;
	case CD_ARCHIVE_7Z: r |= archive_read_support_format_7zip(a); break;
	case CD_ARCHIVE_TAR: r |= archive_read_support_format_tar(a); break;
	case CD_ARCHIVE_CPIO: r |= archive_read_support_format_cpio(a); break;
	default:
		/* a compressed stream: a tar inside, else one file ("raw"). A cpio inside comes
		 * back as that one file and is opened in memory, where cpio_checked_len() can
		 * look at its headers first. */
		r |= archive_read_support_format_tar(a);
		r |= archive_read_support_format_raw(a);
		r |= archive_read_support_format_empty(a); /* a stream holding no data at all */
		break;
	}
	return r;
}

/* Whether n bytes at p are all digits of base (8 or 16). */
static int all_digits(const uint8_t *p, size_t n, int base)
{
	for (size_t i = 0; i < n; i++) {
		int ok = base == 8 ? (p[i] >= '0' && p[i] <= '7')
				   : ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f') ||
				      (p[i] >= 'A' && p[i] <= 'F'));
		if (!ok)
			return 0;
	}
	return 1;
}

static size_t number(const uint8_t *p, size_t n, int base)
{
	size_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * (size_t)base +
		    (size_t)(p[i] <= '9' ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
	return v;
}

/* libarchive reserves a cpio member's name by the size its header declares (up to 4 GiB in
 * newc) before it finds that the bytes are not there. It takes as a header every "07070[12]"
 * followed by 104 hex digits (newc, crc) or "070707" followed by 70 octal digits (odc),
 * wherever it finds one after damage; each such place is checked here first. Returns the
 * length of data before the first one whose name runs past the end, or len; *bad is its
 * offset. (Binary cpio names are 16-bit, symbolic link bodies are capped at 1 MiB by
 * libarchive and member data is read in blocks: none of those need a check.) */
static size_t cpio_checked_len(const uint8_t *d, size_t len, size_t *bad)
{
	const uint8_t *q = d;
	*bad = len;
	while ((q = memmem(q, (size_t)(d + len - q), "07070", 5)) != NULL) {
		size_t at = (size_t)(q - d), left = len - at, ns;
		if (left >= 110 && (q[5] == '1' || q[5] == '2') && all_digits(q, 110, 16))
			ns = number(q + 94, 8, 16), left -= 110;
		else if (left >= 76 && q[5] == '7' && all_digits(q, 76, 8))
			ns = number(q + 59, 6, 8), left -= 76;
		else {
			q++;
			continue;
		}
		if (ns > left) {
			*bad = at;
			return at;
		}
		q++;
	}
	return len;
}

/* Skipping a member of a compressed stream or a 7z decompresses it all the same (inside
 * libarchive, where no limit sees it); those are read and dropped instead, so that the ratio
 * and total limits still count every byte. Zip, tar and cpio in memory skip for free. */
static int skip_costs(enum cd_archive_format f)
{
	return is_compressed_stream(f) || f == CD_ARCHIVE_7Z;
}

/* Decompress the current member into b (at most CD_LIMIT_MEMBER_BYTES; b NULL: count and
 * drop). Returns 1 when the whole member is in b, 0 when it was not kept (an event says
 * why). */
static int read_member(struct walker *w, struct archive *a, const char *name, const char *rel,
		       struct cd_buf *b)
{
	uint8_t chunk[CD_ARCHIVE_CHUNK];
	char msg[900];
	uint64_t got = 0; /* bytes of this member decompressed so far */
	for (;;) {
		la_ssize_t n = archive_read_data(a, chunk, sizeof(chunk));
		if (n == 0)
			return b != NULL;
		if (n < 0) {
			const char *e = errstr(a);
			char at[200];
			where_in(a, "member", at, sizeof(at));
			if (n == ARCHIVE_FATAL)
				w->stop = w->resume = 1;
			if (strstr(e, "nsupported") || strstr(e, "not supported")) {
				snprintf(msg, sizeof(msg), "archive member cannot be decompressed: %s%s", e, at);
				member_event(w, "ingest.unsupported", name, rel, "%s", msg);
			} else {
				char into[64] = "";
				if (got)
					snprintf(into, sizeof(into), ", %llu bytes into its data",
						 (unsigned long long)got);
				snprintf(msg, sizeof(msg), "%s archive member%s: %s%s%s",
					 says_truncated(e) ? "truncated" : "damaged", into, e, at,
					 n != ARCHIVE_FATAL ? ""
					 : w->f == CD_ARCHIVE_ZIP ? "; the other members are still read"
								  : "; the rest of the archive cannot be read");
				member_event(w, "ingest.unparseable", name, rel, "%s", msg);
			}
			return 0;
		}
		got += (uint64_t)n;
		w->inflated += (uint64_t)n;
		w->m->stats.inflated_bytes += (uint64_t)n;
		if (w->m->stats.inflated_bytes > CD_LIMIT_INFLATED_BYTES) {
			snprintf(msg, sizeof(msg),
				 "more than %llu bytes decompressed from archives in this scan: this member "
				 "and the rest of the archive are not analysed",
				 (unsigned long long)CD_LIMIT_INFLATED_BYTES);
			member_event(w, "ingest.limit-reached", name, rel, "%s", msg);
			w->stop = 1;
			return 0;
		}
		if (w->inflated > CD_LIMIT_ARCHIVE_RATIO_FLOOR &&
		    w->inflated / CD_LIMIT_ARCHIVE_RATIO > (uint64_t)w->len) {
			snprintf(msg, sizeof(msg),
				 "decompression bomb: the %zu-byte archive inflated past %llu bytes (over "
				 "%u times its size); this member and the rest of the archive are not analysed",
				 w->len, (unsigned long long)w->inflated, CD_LIMIT_ARCHIVE_RATIO);
			member_event(w, "ingest.limit-reached", name, rel, "%s", msg);
			w->stop = 1;
			return 0;
		}
		if (!b)
			continue;
		if (b->len + (size_t)n > CD_LIMIT_MEMBER_BYTES) {
			snprintf(msg, sizeof(msg),
				 "archive member is bigger than the %lu-byte limit: not analysed",
				 CD_LIMIT_MEMBER_BYTES);
			member_event(w, "ingest.limit-reached", name, rel, "%s", msg);
			if (!skip_costs(w->f))
				return 0; /* libarchive skips the rest at the next header */
			b = NULL;
			continue;
		}
		if (cd_buf_add(b, chunk, (size_t)n) < 0) {
			w->nomem = 1;
			return 0;
		}
	}
}

/* Provenance and role of one member, then back into content detection. */
static void ingest_member(struct walker *w, const char *name, const char *rel,
			  const struct cd_buf *b)
{
	struct cd_source s;
	struct cd_buf p;
	memset(&s, 0, sizeof(s));
	cd_buf_init(&p, 1 << 20);
	if (cd_buf_addf(&p, "%s!/%s", w->src->path ? w->src->path : "", name) < 0) {
		w->nomem = 1;
		return;
	}
	s.path = (char *)p.data;
	s.rel = (char *)rel;
	/* the role the member's path gives, else the archive's (--role comes after ingest) */
	if (w->inner.infer_role)
		w->inner.infer_role(w->inner.infer_arg, rel, 1, &s.role);
	if (s.role.kind == CD_ROLE_NONE)
		s.role = w->src->role;
	else if (!s.role.node[0])
		cd_strlcpy(s.role.node, w->src->role.node, sizeof(s.role.node));
	if (cd_ingest_buffer(w->m, b->data ? b->data : (const uint8_t *)"", b->len, &s, &w->inner) ==
	    CD_E_NOMEM)
		w->nomem = 1;
	cd_buf_release(&p);
}

static void walk_entry(struct walker *w, struct archive *a, struct archive_entry *e,
		       const uint8_t *data)
{
	const char *raw = archive_entry_pathname(e);
	char name[CD_LIMIT_MEMBER_PATH + 1], rel[CD_LIMIT_MEMBER_PATH + 1], msg[512];
	struct cd_buf b;
	mode_t type = archive_entry_filetype(e);

	if (!raw)
		raw = archive_entry_pathname_utf8(e);
	if (is_compressed_stream(w->f) && archive_format(a) == ARCHIVE_FORMAT_RAW)
		stream_member_name(data ? data : w->head, data ? w->len : w->head_len, w->src->path,
				   name, sizeof(name));
	else if (!raw || !*raw)
		cd_strlcpy(name, "(no name)", sizeof(name));
	else if (strlen(raw) > CD_LIMIT_MEMBER_PATH) {
		snprintf(msg, sizeof(msg), "archive member name is %zu bytes, over the %u-byte limit: "
			 "member not analysed", strlen(raw), CD_LIMIT_MEMBER_PATH);
		snprintf(name, sizeof(name), "%.64s...", raw);
		member_event(w, "ingest.limit-reached", name, name, "%s", msg);
		return;
	} else
		cd_strlcpy(name, raw, sizeof(name));

	if (type == AE_IFDIR)
		return; /* folders hold members; they are no data of their own */
	w->m->stats.archive_members++;
	if (inner_path(name, rel, sizeof(rel))) {
		member_event(w, "archive.unsafe-path", name, rel,
			     "archive member name is absolute or climbs out with \"..\": an unpacking "
			     "tool would write it outside the target folder; analysed as \"%s\"",
			     *rel ? rel : "(empty)");
	}
	if (type != AE_IFREG && type != 0) {
		member_event(w, "ingest.unsupported", name, rel, "%s",
			     archive_entry_symlink(e) ? "symbolic link inside the archive: not followed"
						      : "archive member is not a regular file: not read");
		return;
	}
	if (archive_entry_hardlink(e) && archive_entry_size(e) == 0)
		return; /* a tar hard link: the data is that of the member it names, read already */
	if (archive_entry_is_data_encrypted(e) > 0) {
		member_event(w, "archive.encrypted-member", name, rel, "%s",
			     "archive member is encrypted: it cannot be read without the password, "
			     "nothing in it is analysed");
		return;
	}
	if (archive_entry_size_is_set(e) && archive_entry_size(e) > (la_int64_t)CD_LIMIT_MEMBER_BYTES) {
		snprintf(msg, sizeof(msg), "archive member declares %lld bytes, over the %lu-byte limit: "
			 "not analysed", (long long)archive_entry_size(e), CD_LIMIT_MEMBER_BYTES);
		member_event(w, "ingest.limit-reached", name, rel, "%s", msg);
		if (skip_costs(w->f))
			read_member(w, a, name, rel, NULL);
		return;
	}
	cd_buf_init(&b, CD_LIMIT_MEMBER_BYTES);
	if (read_member(w, a, name, rel, &b))
		ingest_member(w, name, rel, &b);
	cd_buf_release(&b);
}

/* A new reader over data for w->f; w->stop is set when it cannot be opened (the error is
 * on the reader). NULL only when out of memory. */
static struct archive *open_reader(struct walker *w, const uint8_t *data, size_t len)
{
	struct archive *a = archive_read_new();
	if (!a)
		return NULL;
	if (w->f == CD_ARCHIVE_CPIO)
		len = w->cpio_len;
	w->opened = 0;
	if (w->fd >= 0 && lseek(w->fd, 0, SEEK_SET) != 0) {
		w->stop = 1;
		return a;
	}
	if (enable_readers(a, w->f) != ARCHIVE_OK ||
	    (w->fd >= 0 ? archive_read_open_fd(a, w->fd, CD_ARCHIVE_STREAM_BLOCK)
			: archive_read_open_memory(a, data, len)) != ARCHIVE_OK)
		w->stop = 1;
	else
		w->opened = 1;
	return a;
}

static void report_archive_error(struct walker *w, struct archive *a, int opening)
{
	const char *e = errstr(a);
	char msg[900], at[200];
	/* libarchive 3.6 dereferences the format here: only ask once one was chosen (found by
	 * fuzz_archive) */
	if (w->opened && archive_read_has_encrypted_entries(a) > 0) {
		snprintf(msg, sizeof(msg), "%s archive is encrypted: it cannot be read without the "
			 "password, nothing in it is analysed (%s)", cd_archive_format_name(w->f), e);
		archive_event(w, "archive.encrypted-member", msg);
		w->m->stats.archive_members++;
		return;
	}
	if (strstr(e, "too many filters")) {
		/* compression inside compression deeper than libarchive unwraps: a limit, not damage */
		snprintf(msg, sizeof(msg), "%s stream nested in more compression layers than libarchive "
			 "unwraps (its filter limit: \"%s\"): nothing in it is analysed",
			 cd_archive_format_name(w->f), e);
		archive_event(w, "ingest.limit-reached", msg);
		return;
	}
	where_in(a, opening || !w->members ? NULL : "last member", at, sizeof(at));
	snprintf(msg, sizeof(msg), "%s %s archive: %s%s%s", says_truncated(e) ? "truncated" : "damaged",
		 cd_archive_format_name(w->f), e, at,
		 opening ? "; nothing in it is analysed"
			 : "; the members before this point are analysed, the rest cannot be read");
	archive_event(w, "ingest.unparseable", msg);
}

/* An archive read to its end that held no member: say what was read rather than nothing (a
 * gzip of zeros is a tar whose end-of-archive marker comes first). */
static void report_no_member(struct walker *w, struct archive *a)
{
	char msg[400];
	if (archive_format(a) == ARCHIVE_FORMAT_EMPTY)
		snprintf(msg, sizeof(msg), "%s stream that decompresses to no data: nothing to analyse",
			 cd_archive_format_name(w->f));
	else if (is_compressed_stream(w->f))
		snprintf(msg, sizeof(msg), "%s stream holding an empty %s archive (no member; an "
			 "end-of-archive marker after %lld bytes, what follows it was not read): nothing "
			 "to analyse", cd_archive_format_name(w->f),
			 archive_format_name(a) ? archive_format_name(a) : "tar",
			 (long long)archive_filter_bytes(a, 0));
	else
		snprintf(msg, sizeof(msg), "%s archive with no member: nothing to analyse",
			 cd_archive_format_name(w->f));
	archive_event(w, "ingest.unsupported", msg);
}

static int ingest_walk(struct cd_model *m, const uint8_t *data, size_t len, int fd,
		       const uint8_t *head, size_t head_len, enum cd_archive_format f,
		       const struct cd_source *src, const struct cd_ingest_opts *o);

/* Member names are read in a UTF-8 locale. libarchive converts a name to the current locale's
 * charset, and in the C locale (certdiag sets none) every name with a byte past ASCII failed:
 * a zip's UTF-8-flagged "Zertifikate-München/tomcat.pem" or "証明書/RootCA.cer" came out as
 * "(no name)", its role by path lost with it. A name stored without the UTF-8 flag (Windows'
 * own zip: the OEM code page) keeps its bytes, as before. The locale is set for this thread
 * only (LC_CTYPE), for the time of the walk (nested archives inherit it); without a UTF-8
 * locale on the system the names are read as before. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static int tried;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (!loc)
			loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
	}
	return loc;
}

static int ingest_impl(struct cd_model *m, const uint8_t *data, size_t len, int fd,
		       const uint8_t *head, size_t head_len, enum cd_archive_format f,
		       const struct cd_source *src, const struct cd_ingest_opts *o)
{
	locale_t utf8 = utf8_locale(), old = (locale_t)0;
	int rc;
	if (utf8)
		old = uselocale(utf8);
	rc = ingest_walk(m, data, len, fd, head, head_len, f, src, o);
	if (utf8)
		uselocale(old);
	return rc;
}

static int ingest_walk(struct cd_model *m, const uint8_t *data, size_t len, int fd,
		       const uint8_t *head, size_t head_len, enum cd_archive_format f,
		       const struct cd_source *src, const struct cd_ingest_opts *o)
{
	static const struct cd_ingest_opts none = {.infer_role = NULL};
	struct walker w;
	struct archive *a;
	struct archive_entry *e;
	int retries = 0, resumes = 0;
	char msg[512];

	memset(&w, 0, sizeof(w));
	w.m = m;
	w.src = src;
	w.fd = fd;
	w.head = head;
	w.head_len = head_len;
	w.inner = o ? *o : none;
	w.inner.archive_depth++;
	w.f = f;
	w.len = len;
	m->stats.archives++;
	if (w.inner.archive_depth > CD_LIMIT_ARCHIVE_DEPTH) {
		snprintf(msg, sizeof(msg), "%s archive nested inside more than %u archives: not opened",
			 cd_archive_format_name(f), CD_LIMIT_ARCHIVE_DEPTH);
		archive_event(&w, "ingest.limit-reached", msg);
		return CD_OK;
	}
	if (m->stats.inflated_bytes > CD_LIMIT_INFLATED_BYTES) {
		snprintf(msg, sizeof(msg), "%s archive not opened: more than %llu bytes were already "
			 "decompressed from archives in this scan", cd_archive_format_name(f),
			 (unsigned long long)CD_LIMIT_INFLATED_BYTES);
		archive_event(&w, "ingest.limit-reached", msg);
		return CD_OK;
	}
	if (f == CD_ARCHIVE_CPIO && data) {
		size_t bad;
		w.cpio_len = cpio_checked_len(data, len, &bad);
		if (w.cpio_len < len) {
			snprintf(msg, sizeof(msg), "truncated cpio archive: the member header at offset %zu "
				 "declares a name longer than the %zu bytes that remain; the members "
				 "before it are analysed", bad, len - bad);
			archive_event(&w, "ingest.unparseable", msg);
			w.cut = 1;
		}
	}
	a = open_reader(&w, data, len);
	if (!a)
		return CD_E_NOMEM;
	if (w.stop) {
		if (!w.cut)
			report_archive_error(&w, a, 1);
		goto out;
	}
	for (;;) {
		int r;
		if (w.stop && w.resume && f == CD_ARCHIVE_ZIP && data && resumes++ < CD_ARCHIVE_MAX_RESUME &&
		    !w.nomem) {
			/* reopen and skip the members already seen, the damaged one included */
			archive_read_free(a);
			w.stop = w.resume = 0;
			a = open_reader(&w, data, len);
			if (!a)
				return CD_E_NOMEM;
			for (unsigned long k = 0; k < w.members && !w.stop; k++) {
				r = archive_read_next_header(a, &e);
				if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
					w.stop = 1; /* already reported at the damaged member */
			}
		}
		if (w.stop || w.nomem)
			break;
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_RETRY && ++retries <= CD_ARCHIVE_MAX_RETRY)
			continue;
		if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) {
			if (!w.cut) /* a cut archive ends early: that was reported already */
				report_archive_error(&w, a, w.members == 0);
			break;
		}
		if (r == ARCHIVE_FAILED) { /* this header is lost, the next one may be fine */
			snprintf(msg, sizeof(msg), "damaged %s archive member header: %s",
				 cd_archive_format_name(f), errstr(a));
			archive_event(&w, "ingest.unparseable", msg);
			if (++retries > CD_ARCHIVE_MAX_RETRY)
				break;
			continue;
		}
		retries = 0;
		if (++w.members > CD_LIMIT_ARCHIVE_MEMBERS) {
			snprintf(msg, sizeof(msg), "%s archive has more than %lu members: the rest are not "
				 "analysed", cd_archive_format_name(f), CD_LIMIT_ARCHIVE_MEMBERS);
			archive_event(&w, "ingest.limit-reached", msg);
			break;
		}
		if (m->stats.files >= CD_LIMIT_FILES) {
			archive_event(&w, "ingest.limit-reached", "more than 1000000 files and archive "
				      "members in one scan: the rest of this archive is not read");
			break;
		}
		walk_entry(&w, a, e, data);
	}
	if (!w.stop && !w.nomem && !w.members && !w.cut)
		report_no_member(&w, a);
out:
	archive_read_free(a);
	return w.nomem ? CD_E_NOMEM : CD_OK;
}

int cd_archive_ingest(struct cd_model *m, const uint8_t *data, size_t len,
		      enum cd_archive_format f, const struct cd_source *src,
		      const struct cd_ingest_opts *o)
{
	return ingest_impl(m, data, len, -1, NULL, 0, f, src, o);
}

int cd_archive_streamable(enum cd_archive_format f)
{
	return f == CD_ARCHIVE_TAR || is_compressed_stream(f);
}

int cd_archive_ingest_fd(struct cd_model *m, int fd, size_t size, const uint8_t *head,
			 size_t head_len, enum cd_archive_format f, const struct cd_source *src,
			 const struct cd_ingest_opts *o)
{
	if (!cd_archive_streamable(f))
		return CD_E_UNSUPPORTED;
	return ingest_impl(m, NULL, size, fd, head, head_len, f, src, o);
}
