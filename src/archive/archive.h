/* archive.h - archives found in the input (zip, tar, tar.gz/.bz2/.xz/.zst, 7z, cpio, one
 * compressed file), walked in memory with libarchive; every regular member goes back through
 * cd_ingest_buffer() with the provenance "outer.zip!/inner/path.pem". */
#ifndef CD_ARCHIVE_ARCHIVE_H
#define CD_ARCHIVE_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include "ingest/ingest.h"
#include "model/model.h"

/* Named limits (docs/limits.md). Hitting one is an ingest.limit-reached event naming the
 * archive member; the rest of the input is still analysed. Memory held at once is at most
 * CD_LIMIT_ARCHIVE_DEPTH member buffers of CD_LIMIT_MEMBER_BYTES, plus libarchive's own
 * decoder state (liblzma is capped by libarchive), plus the top-level file. */
#define CD_LIMIT_ARCHIVE_DEPTH 8 /* archives inside archives: bundles nest 2-3 deep; more is hostile */
#define CD_LIMIT_ARCHIVE_MEMBERS 100000UL /* members of one archive (a log collection has ~10,000) */
#define CD_LIMIT_MEMBER_BYTES (64UL * 1024 * 1024) /* one member buffered (= CD_LIMIT_OBJECT_BYTES) */
#define CD_LIMIT_INFLATED_BYTES (4ULL * 1024 * 1024 * 1024) /* decompressed in one scan, all archives */
#define CD_LIMIT_ARCHIVE_RATIO 200U /* decompressed bytes per archive byte: deflate tops at ~1032 */
#define CD_LIMIT_ARCHIVE_RATIO_FLOOR (1024UL * 1024) /* the ratio is checked past this many bytes */
#define CD_LIMIT_MEMBER_PATH 1024U /* bytes in one member name; PATH_MAX is 4096 for a whole path */

enum cd_archive_format {
	CD_ARCHIVE_NONE = 0,
	CD_ARCHIVE_ZIP,
	CD_ARCHIVE_TAR,
	CD_ARCHIVE_7Z,
	CD_ARCHIVE_CPIO,
	CD_ARCHIVE_GZIP,  /* a compressed stream: tar.gz, cpio.gz or one compressed file */
	CD_ARCHIVE_BZIP2,
	CD_ARCHIVE_XZ,
	CD_ARCHIVE_ZSTD,
};

/* Recognise an archive or compressed stream by its first bytes (never by name).
 * CD_ARCHIVE_NONE when the buffer is none of them. */
enum cd_archive_format cd_archive_bid(const uint8_t *data, size_t len);

/* Top-level files at least this large that are tar or a compressed stream are read from the
 * file as libarchive needs them, not loaded whole: peak memory stays independent of the
 * archive's size (the members' own limits still apply). Smaller ones are read into memory. */
#define CD_ARCHIVE_STREAM_MIN (16UL * 1024 * 1024)
/* Read size for streamed archives. */
#define CD_ARCHIVE_STREAM_BLOCK 65536

/* Can f be read front to back from a file (tar, gzip, bzip2, xz, zstd)? zip, 7z and cpio
 * cannot: their checks and recovery need the whole archive in memory. */
int cd_archive_streamable(enum cd_archive_format f);

/* As cd_archive_ingest, reading from fd (rewound first) instead of memory; head holds the
 * file's first bytes. CD_E_UNSUPPORTED when f is not streamable. */
int cd_archive_ingest_fd(struct cd_model *m, int fd, size_t size, const uint8_t *head,
			 size_t head_len, enum cd_archive_format f, const struct cd_source *src,
			 const struct cd_ingest_opts *o);

/* "zip", "tar", "7z", "cpio", "gzip", "bzip2", "xz", "zstd" ("" for NONE). Static. */
const char *cd_archive_format_name(enum cd_archive_format f);

/* Walk the archive in data (which bid as f) without writing anything to disk: each regular
 * member is read into a buffer of at most CD_LIMIT_MEMBER_BYTES and handed to
 * cd_ingest_buffer() with path "<src->path>!/<member>", rel "<member>" (so roles come from
 * the inner path; the top folder of the archive may name a node) and o->archive_depth + 1.
 * Members with no role of their own take the archive's. Encrypted, damaged and unsafely named
 * members, truncated archives and limits become events; the rest of the archive goes on.
 * data is only read and not kept. Returns CD_OK (the archive was handled, even if damaged)
 * or CD_E_NOMEM. */
int cd_archive_ingest(struct cd_model *m, const uint8_t *data, size_t len,
		      enum cd_archive_format f, const struct cd_source *src,
		      const struct cd_ingest_opts *o);

#endif
