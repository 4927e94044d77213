/* model.h - the immutable in-memory model: every decoded object with its provenance.
 *
 * Ingest adds objects (deduplicated by kind + SHA-256 of the DER, merging provenance) and
 * ingest events; once ingest is done the model is read-only for chains, rules and reports.
 * Everything a rule needs is decoded once, here. Certificates, CSRs, CRLs and keys are as the
 * decoder leaves them (x509/cert.h); TLS connection records (model/conn.h) and log records
 * (model/logrec.h) are made by the capture reader and the log matcher, and freed here. */
#ifndef CD_MODEL_MODEL_H
#define CD_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "util/timefmt.h"
#include "model/conn.h"
#include "model/logrec.h"
#include "x509/cert.h"
#include "x509/trustlist.h"

enum cd_kind {
	CD_KIND_CERT = 0,
	CD_KIND_CSR,
	CD_KIND_CRL,
	CD_KIND_PKCS7,
	CD_KIND_PKCS12,
	CD_KIND_KEY,
	CD_KIND_ITL, /* ITLFile.tlv (x509/trustlist.h) */
	CD_KIND_CTL, /* CTLFile.tlv, same format */
	CD_KIND_COUNT
};

/* JSON kind name ("certificate", "csr", ..., "itl", "ctl") and id prefix ("cert", "csr", ...). */
const char *cd_kind_name(enum cd_kind k);
const char *cd_kind_prefix(enum cd_kind k);

enum cd_role_kind { CD_ROLE_NONE = 0, CD_ROLE_IDENTITY, CD_ROLE_TRUST, CD_ROLE_CSR };

/* Where a role comes from (JSON role_source, docs/roles.md): a documented layout (the path),
 * an option (--role, --trust, --public-roots, precheck's --cert/--csr/--trust), or the
 * content (a certificate with a CSR's key, ...). */
enum cd_role_origin { CD_ROLE_FROM_LAYOUT = 0, CD_ROLE_FROM_OPTION, CD_ROLE_FROM_CONTENT };

/* Where an object plays a part, inferred from its path or content (docs/roles.md) or given
 * with --role. unit: "tomcat", "CallManager-ECDSA", ...; store: "tomcat-trust", ... */
struct cd_role {
	enum cd_role_kind kind;
	char name[48]; /* identity/csr: unit name; trust: store name */
	char node[72]; /* node folder, "" when unknown */
	enum cd_role_origin origin;
	/* why it has the role, one sentence (JSON role_reason); a static string or one the model
	 * keeps (cd_model_keep); NULL when none was recorded */
	const char *reason;
};

/* A role given for everything at or below a path (applied by product/assign.c
 * cd_roles_assign): --role ROLE=PATH, --trust PATH, --public-roots PATH, precheck's
 * --cert/--csr/--trust. PATH may name archive members ("case.zip!/trust/",
 * "a.zip!/b.tar.gz!/c.pem"). */
struct cd_role_spec {
	char *path;         /* owned by the caller */
	struct cd_role role;
	const char *option; /* "--role", "--trust", ... for the reason; NULL: "the command line" */
	const char *text;   /* what followed the option ("tomcat=case.zip"), NULL: path */
	/* give the role only to the objects it can describe when PATH holds several certificates:
	 * an identity to the end-entity certificate(s), a trust role to CA certificates (--role) */
	int describe;
};

/* "identity:tomcat", "trust:tomcat-trust", "csr:tomcat" or "" into out. */
void cd_role_format(const struct cd_role *r, char *out, size_t size);
/* "layout", "option" or "inferred" (JSON role_source). */
const char *cd_role_origin_name(enum cd_role_origin o);

/* One place an object was found. Strings are owned by the model. */
struct cd_source {
	char *path;       /* as the user can find it: "dir/a.pem" (archives: "a.zip!/x.pem") */
	char *rel;        /* relative to the scan root given on the command line */
	unsigned long pem_block; /* 1-based PEM block number, 0 when not PEM */
	uint64_t offset;  /* byte offset of the object (PEM: of its BEGIN line) in the file */
	char container[40]; /* id of the PKCS#7/PKCS#12 it came out of, "" if none */
	unsigned position;  /* 1-based position inside the container or file, 0 unknown */
	struct cd_role role;
	/* where inside a file that is not a container: for captures "frame 1234, flow
	 * 10.0.0.1:51234 -> 10.0.0.2:7001, server, position 2"; NULL otherwise */
	char *locator;
	uint64_t frame; /* captures: 1-based frame that completed the object, 0 otherwise */
};

struct cd_container {
	unsigned n_certs, n_crls; /* what it held */
	int encrypted;            /* PKCS#12: could not be opened without a password */
	int mac_ok;               /* PKCS#12: -1 unknown */
};

struct cd_object {
	char id[40]; /* "<prefix>-<16 hex>" */
	enum cd_kind kind;
	uint8_t *der; /* owned; NULL for private keys (never kept); ITL/CTL: the whole file */
	size_t der_len;
	uint8_t sha256[32];
	uint8_t sha1[20];
	char sha256_hex[65];
	struct cd_source *sources;
	size_t n_sources, cap_sources;
	size_t *source_set; /* open addressing over sources once there are many: per slot
			     * the source index and its hash (owned) */
	size_t source_set_cap;
	union {
		struct cd_cert *cert;
		struct cd_csr *csr;
		struct cd_crl *crl;
		struct cd_container *container;
		struct cd_key *key;
		struct cd_trustlist *tlist; /* CD_KIND_ITL, CD_KIND_CTL */
	} u;
};

/* An ingest event (Suricata-style): named by the rule id it turns into. */
struct cd_event {
	const char *rule; /* static string: "ingest.unparseable", ... */
	char *path;
	char *rel;
	uint64_t offset;
	int has_offset;
	unsigned long pem_block;
	char *message;
	size_t object; /* index into objects, or SIZE_MAX */
	struct cd_role role; /* the role of the file it happened in (kind 0 when none) */
};

/* An input that could not be read at all: a path that does not exist, a file or folder that
 * cannot be opened or read. It is an input error (the CLI names it on stderr and exits 2), not
 * a finding about a certificate. */
struct cd_input_error {
	char *path;  /* as the user gave it, or as walked below a directory */
	int errnum;  /* the errno of the failed call */
};

/* What the roles decided from content could not decide, or chose not to (docs/roles.md): "the
 * key of two CSRs of different nodes", "a CA certificate with a CSR's key". */
/* Role notes kept in one scan (docs/limits.md); the rest are counted (more_role_notes). */
#define CD_LIMIT_ROLE_NOTES 1000

struct cd_role_note {
	size_t object; /* the object it is about, SIZE_MAX when none */
	char *message;
};

/* Counters the ingest rules use to decide whether they applied. */
struct cd_ingest_stats {
	unsigned long files;        /* regular files read */
	unsigned long candidates;   /* PEM blocks or DER objects that bid as certificate family */
	unsigned long pkcs12;       /* PKCS#12 objects seen */
	unsigned long dirs;
	unsigned long archives;        /* archives and compressed streams opened (or refused) */
	unsigned long archive_members; /* regular members of archives */
	uint64_t inflated_bytes;       /* decompressed from archives in this scan */
	unsigned long archives_streamed; /* large ones walked from the file, not loaded whole */
	unsigned long logs;         /* files read as logs (the log.* rules apply to them) */
	unsigned long log_lines;    /* lines a signature matched, benign ones included */
	unsigned long log_benign;   /* lines a benign signature consumed (never findings) */
	unsigned long captures;     /* packet captures read */
	unsigned long keylogs;      /* TLS key logs read (--keylog files, pcapng secrets blocks) */
	unsigned long tls13_secrets; /* TLS 1.3 connections whose key log secrets were tried */
	unsigned long product_metadata; /* CUCM certs/ and trust-certs/ .description files */
};

/* Ingest events stored per rule id (docs/limits.md): past it events are counted, not stored,
 * like findings past CD_LIMIT_FINDINGS_PER_RULE (engine.h; the same value). */
#define CD_LIMIT_EVENTS_PER_RULE 10000U
/* Rule ids whose events are counted apart (more share the last count). */
#define CD_MODEL_EVENT_RULES 32

struct cd_event_count {
	const char *rule; /* static, as given to cd_model_event */
	size_t stored, unlisted;
};

struct cd_model {
	struct cd_object **objects; /* owned, in order of first sight */
	size_t n_objects, cap_objects;
	struct cd_event *events;
	size_t n_events, cap_events;
	struct cd_event_count event_counts[CD_MODEL_EVENT_RULES];
	size_t n_event_counts;
	struct cd_ingest_stats stats;
	struct cd_log_record *logs; /* owned, in order of first sight (logs/records.c) */
	size_t n_logs, cap_logs;
	int logs_limit_reported;
	size_t *logs_index; /* open addressing over logs by key hash */
	size_t logs_index_cap;
	struct cd_tls_conn *conns; /* owned (pcap/capture.c adds them) */
	size_t n_conns, cap_conns;
	/* dedup index: open addressing over objects by (kind, sha256) */
	size_t *index;
	size_t index_cap;
	struct cd_role_note *role_notes; /* in order of objects, at most CD_LIMIT_ROLE_NOTES */
	size_t n_role_notes, cap_role_notes;
	size_t more_role_notes; /* notes past the limit, counted */
	struct cd_input_error *input_errors; /* in order of sight */
	size_t n_input_errors, cap_input_errors;
	char **kept; /* strings the model owns for others (role reasons): cd_model_keep */
	size_t n_kept, cap_kept;
};

void cd_model_init(struct cd_model *m);
void cd_model_release(struct cd_model *m);
/* Keep s (malloc'd) until the model is released and return it; on allocation failure s is
 * freed and NULL returned. NULL s gives NULL. */
const char *cd_model_keep(struct cd_model *m, char *s);

/* Another place of the object at index (one a capture's connections send again, known by
 * its bytes, which cd_model_add would have found by their SHA-256): src is added to it as
 * cd_model_add adds it to an identical object. CD_OK, CD_E_NOMEM, CD_E_USAGE (no such
 * object). */
int cd_model_add_place(struct cd_model *m, size_t index, const struct cd_source *src);
/* Add one DER object of kind k found at src (copied). Decodes it (x509/decode.c); when an
 * identical object exists, only the source is added. On success *out_index is the object's
 * index. Returns CD_OK, CD_E_LIMIT (too many objects), CD_E_NOMEM, or CD_E_MALFORMED with
 * *detail (malloc'd, caller frees) when GnuTLS cannot decode it. */
int cd_model_add(struct cd_model *m, enum cd_kind k, const uint8_t *der, size_t len,
		 const struct cd_source *src, size_t *out_index, char **detail);

/* Add an ITL or CTL file (k = CD_KIND_ITL or CD_KIND_CTL): the bytes are copied and hashed
 * like a DER object, tl (parsed by src/ingest/itl.c) is taken over - freed at once when an
 * identical file is already in the model. *is_new says which happened. CD_OK, CD_E_LIMIT,
 * CD_E_NOMEM (tl freed in every case). */
int cd_model_add_trustlist(struct cd_model *m, enum cd_kind k, const uint8_t *bytes, size_t len,
			   const struct cd_source *src, struct cd_trustlist *tl, size_t *out_index,
			   int *is_new);

/* Is this source a record of an ITL or CTL file (its container an itl-/ctl- object)? */
static inline int cd_source_in_trustlist(const struct cd_source *s)
{
	return (s->container[0] == 'i' && s->container[1] == 't' && s->container[2] == 'l' &&
		s->container[3] == '-') ||
	       (s->container[0] == 'c' && s->container[1] == 't' && s->container[2] == 'l' &&
		s->container[3] == '-');
}

/* Add a private key: hashed, its public half derived when unencrypted, never kept. */
int cd_model_add_key(struct cd_model *m, const uint8_t *der, size_t len, int encrypted,
		     const char *format, const struct cd_source *src, size_t *out_index);

/* Record that path could not be read (errnum: the errno of the failed call); path is copied.
 * CD_OK or CD_E_NOMEM. */
int cd_model_input_error(struct cd_model *m, const char *path, int errnum);

/* Record a note about roles (printf-formatted, copied; past CD_LIMIT_ROLE_NOTES only counted).
 * CD_OK or CD_E_NOMEM. */
int cd_model_role_note(struct cd_model *m, size_t object, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record an event; strings are copied. object = SIZE_MAX when none. Past
 * CD_LIMIT_EVENTS_PER_RULE events of one rule, the event is only counted
 * (cd_model_events_unlisted). */
int cd_model_event(struct cd_model *m, const char *rule, const struct cd_source *where,
		   int has_offset, size_t object, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Events of rule counted but not stored (past CD_LIMIT_EVENTS_PER_RULE). */
size_t cd_model_events_unlisted(const struct cd_model *m, const char *rule);

/* Find by kind and SHA-256; SIZE_MAX when absent. */
size_t cd_model_find(const struct cd_model *m, enum cd_kind k, const uint8_t sha256[32]);

/* The first source of an object, in order of sight. */
static inline const struct cd_source *cd_object_first_source(const struct cd_object *o)
{
	return o->n_sources ? &o->sources[0] : NULL;
}

/* Short label for messages: the CN, else the subject, else the id. Not owned. */
const char *cd_object_label(const struct cd_object *o);

#endif
