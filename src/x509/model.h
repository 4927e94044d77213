/* model.h - the immutable in-memory model: every decoded object with its provenance.
 *
 * Ingest adds objects (deduplicated by kind + SHA-256 of the DER, merging provenance) and
 * ingest events; once ingest is done the model is read-only for chains, rules and reports.
 * Everything a rule needs is decoded once, here. */
#ifndef CD_X509_MODEL_H
#define CD_X509_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "util/timefmt.h"
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

enum cd_san_type {
	CD_SAN_DNS,
	CD_SAN_IP,
	CD_SAN_EMAIL,
	CD_SAN_URI,
	CD_SAN_DN,
	CD_SAN_OTHER,
	CD_SAN_REGID
};

struct cd_san {
	enum cd_san_type type;
	char *value; /* display form; IPs as text (v4 dotted, v6 RFC 5952) */
	uint8_t ip[16];
	unsigned ip_len; /* 4 or 16 for IPs */
	int nul;         /* DNS, e-mail, URI: the name as encoded holds a NUL byte (shown as \x00) */
	const char *malformed; /* why the entry breaks RFC 5280 §4.2.1.6 ("starts with a dot"),
				  NULL when it does not; static text */
};

const char *cd_san_type_name(enum cd_san_type t);

/* A distinguished name: display form (RFC 4514 as GnuTLS prints it), a canonical form for
 * matching (RFC 5280 §7.1 simplified: attribute types by OID, values case-folded and
 * whitespace-collapsed), and the most specific CN. */
struct cd_name {
	char *display;
	char *canon;
	char *cn; /* NULL when absent */
	uint8_t *raw; /* DER of the Name, for exact comparisons */
	size_t raw_len;
};

struct cd_pubkey {
	int algo;             /* gnutls_pk_algorithm_t */
	char algo_name[24];   /* "RSA", "EC", "Ed25519", ... */
	unsigned bits;
	char curve[24];       /* "SECP256R1" for EC, "" otherwise */
	uint8_t spki_sha256[32]; /* SHA-256 of SubjectPublicKeyInfo: the key's identity */
	int known;            /* 0 when the key could not be read */
};

struct cd_ext {
	char oid[64];
	int critical;
};

/* The decoder's limits (x509/decode.c, docs/limits.md: CD_MAX_LIST and CD_MAX_FIELD). */
#define CD_DECODE_MAX_LIST 4096U  /* SAN entries, EKUs, policies, URIs kept; extensions listed */
#define CD_DECODE_MAX_FIELD 4096U /* bytes of one SAN, EKU or URI value */

/* Lists of a certificate or CSR cut at the decoder's limit (CD_MAX_LIST entries, CD_MAX_FIELD
 * bytes per value: docs/limits.md). A rule never concludes that something is absent from a
 * list it knows is cut; an ingest.limit-reached finding names the limit. */
enum {
	CD_CUT_SAN = 1,        /* subjectAltName entries past the limit were not kept */
	CD_CUT_SAN_VALUE = 2,  /* a subjectAltName value was longer than the limit and cut */
	CD_CUT_EKU = 4,        /* extendedKeyUsage purposes */
	CD_CUT_POLICIES = 8,   /* certificatePolicies */
	CD_CUT_URIS = 16,      /* OCSP, caIssuers or CRL distribution point URIs */
	CD_CUT_EXTS = 32,      /* extensions past the limit are read but not listed or compared */
};

/* Key usage bits as GnuTLS defines them (GNUTLS_KEY_*). */
struct cd_cert {
	struct cd_name subject, issuer;
	int version;
	uint8_t serial[40];
	size_t serial_len;
	char serial_hex[84];
	cd_time_t not_before, not_after; /* CD_TIME_NONE when the encoding names no time */
	/* validity as encoded (RFC 5280 §4.1.2.5): ASN.1 tag, the text (bytes that are not
	 * printable shown as '?', cut at 31) and what is wrong with it (static text; NULL when
	 * RFC 5280 encodes it so). cert.bad-time-encoding reports these. */
	struct cd_cert_time {
		uint8_t tag;
		char text[32];
		const char *problem;
	} nb_enc, na_enc;
	struct cd_pubkey key;
	uint8_t ski[64];
	size_t ski_len;
	uint8_t aki[64];
	size_t aki_len;
	int bc_present, bc_critical, is_ca;
	int pathlen; /* -1 when absent */
	int ku_present, ku_critical;
	unsigned ku;
	int eku_present, eku_critical;
	char **eku; /* OIDs */
	size_t n_eku;
	size_t eku_total; /* purposes in the extension (n_eku unless cut: CD_CUT_EKU) */
	int san_present, san_critical;
	struct cd_san *san;
	size_t n_san;
	size_t san_total; /* entries in the extension: n_san unless the list was cut (CD_CUT_SAN) */
	size_t san_chars; /* sum of the display lengths of every SAN entry kept */
	unsigned cut;     /* CD_CUT_* lists cut at the decoder's limits */
	int sig_algo;     /* gnutls_sign_algorithm_t, 0 when unknown */
	char sig_name[48];
	char sig_oid[64];
	int sig_hash_weak; /* MD2/MD5/SHA-1 */
	char **policies;
	size_t n_policies;
	size_t policies_total; /* policies in the extension (n_policies unless CD_CUT_POLICIES) */
	char **ocsp, **ca_issuers, **crl_dp;
	size_t n_ocsp, n_ca_issuers, n_crl_dp;
	struct cd_ext *exts;
	size_t n_exts;
	size_t spki_off, spki_len; /* SubjectPublicKeyInfo inside the object's DER */
	int nc_present;            /* nameConstraints extension */
	int unknown_critical;      /* a critical extension RFC 5280 path validation cannot process */
	char unknown_critical_oid[64];
	/* structure, for path validation (docs/chains.md "Certificate structure") */
	size_t serial_full_len; /* content octets of the serial INTEGER, as encoded */
	int aki_present;        /* the extension, with or without keyIdentifier */
	int aki_issuer_serial;  /* authorityCertIssuer or authorityCertSerialNumber present */
	int aki_half_pair;      /* only one of the two (they come together or not at all) */
	int sig_alg_mismatch;   /* signatureAlgorithm differs from TBSCertificate.signature */
	int dup_ext;            /* an extension OID appears twice (RFC 5280 §4.2) */
	char dup_ext_oid[64];
	int bad_ext;            /* an extension we process does not decode, or is empty */
	char bad_ext_oid[64];
	int self_issued; /* subject == issuer (canonical) */
	int self_signed; /* self-issued and its signature verifies with its own key */
	uint8_t tbs_sha256[32];
};

struct cd_csr {
	struct cd_name subject;
	struct cd_pubkey key;
	int sig_algo;
	char sig_name[48];
	int sig_ok; /* 1 verifies, 0 does not, -1 could not tell */
	char sig_error[96];
	struct cd_san *san;
	size_t n_san;
	size_t san_total; /* entries requested: n_san unless the list was cut (CD_CUT_SAN) */
	size_t san_chars;
	unsigned cut;     /* CD_CUT_* */
	int ku_present;
	unsigned ku;
	char **eku;
	size_t n_eku;
	char *challenge_present; /* unused: never stored */
};

struct cd_crl {
	struct cd_name issuer;
	cd_time_t this_update, next_update;
	unsigned long n_revoked;
	char sig_name[48];
	uint8_t aki[64];
	size_t aki_len;
};

struct cd_container {
	unsigned n_certs, n_crls; /* what it held */
	int encrypted;            /* PKCS#12: could not be opened without a password */
	int mac_ok;               /* PKCS#12: -1 unknown */
};

struct cd_key {
	int encrypted;
	struct cd_pubkey key; /* known only for unencrypted keys */
	char format[32];      /* "PKCS#8", "PKCS#1 RSA", "SEC1 EC", "PKCS#8 encrypted" */
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

/* TLS connections seen in packet captures (src/pcap/), one record per TCP connection that
 * carried a TLS handshake. Strings and arrays are owned by the model. */
enum { CD_TLS_CLIENT = 0, CD_TLS_SERVER = 1 };

/* TLS 1.3 connections and their secrets. */
enum cd_tls_secrets {
	CD_SECRETS_NA = 0,   /* not TLS 1.3, or no ServerHello */
	CD_SECRETS_MISSING,  /* TLS 1.3 and no key log has this connection's secrets */
	CD_SECRETS_USED,     /* secrets found and the handshake records decrypted */
	CD_SECRETS_FAILED    /* secrets found, and a record did not decrypt with them */
};

struct cd_tls_alert {
	int from;          /* CD_TLS_CLIENT or CD_TLS_SERVER */
	uint8_t level;     /* 1 warning, 2 fatal; 0 when encrypted */
	uint8_t desc;      /* RFC 8446 §6 AlertDescription; meaningless when encrypted */
	int encrypted;     /* an alert record we cannot read */
	uint64_t frame;
};

struct cd_tls_conn {
	char *path, *rel;          /* the capture */
	char client[64], server[64]; /* "10.0.0.1:51234", "[::1]:443" */
	uint64_t first_frame, last_frame;
	int64_t first_sec, last_sec; /* capture time stamps (seconds, microseconds) */
	long first_usec, last_usec;
	char starttls[8];          /* "smtp", "xmpp", "ldap" or "" */
	char *sni;                 /* NULL when the ClientHello had none */
	uint8_t client_random[32]; /* the ClientHello random (public; the key logs' key) */
	int has_client_random;     /* 0: no ClientHello, or an SSL 2.0-format one */
	uint16_t client_version;   /* ClientHello legacy_version, 0 unseen */
	uint16_t offered[16];      /* supported_versions offered */
	size_t n_offered;
	uint16_t server_version;   /* negotiated (supported_versions wins), 0 unseen */
	uint16_t cipher;
	int cipher_known;
	int saw_client_hello, saw_server_hello, cert_request;
	size_t *certs[2];          /* model object indices in wire order, per side */
	size_t n_certs[2];
	uint8_t **ca_names;        /* DER Names from CertificateRequest */
	size_t *ca_name_lens;
	size_t n_ca_names;
	struct cd_tls_alert *alerts;
	size_t n_alerts;
	int encrypted_certs;       /* TLS 1.3: the certificates went encrypted */
	int truncated;             /* a packet of this connection was cut by the snap length */
	int gap;                   /* bytes missing from the handshake */
	int mid_start;             /* the capture starts after the connection began */
	int malformed;             /* a handshake message could not be parsed */
	int hello_retry;           /* the server sent a HelloRetryRequest (RFC 8446 §4.1.4) */
	/* TLS 1.3 with a key log (src/pcap/keylog.h): what became of the encrypted records */
	enum cd_tls_secrets secrets;
	int decrypted[2];          /* records of this side (CD_TLS_CLIENT/SERVER) were decrypted */
	int undecrypted[2];        /* this side sent TLS 1.3 handshake records no secret opened */
	char *secrets_from;        /* the key log the secrets came from (a file name, or the
				      capture's Decryption Secrets Block); never a secret */
	char verdict[160];
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

/* Log records (src/logs/): one per signature, rule and host/address/subject, aggregated while
 * the logs are read so that memory does not grow with the number of matching lines. */
#define CD_LOG_EXAMPLES 3           /* example lines kept per record */
#define CD_LOG_EXAMPLE_MAX 512      /* example lines are cut to this many bytes */
#define CD_LIMIT_LOG_RECORDS 100000 /* distinct records in one scan; more is ingest.limit-reached */

struct cd_log_field {
	char *name;  /* capture name: host, address, port, subject, verify_error, depth, detail ... */
	char *value;
};

struct cd_log_example {
	char *path, *rel;   /* the file, as in struct cd_source */
	unsigned long line; /* 1-based line number */
	char *text;         /* the line, cut to CD_LOG_EXAMPLE_MAX bytes */
};

/* What a matcher hands to cd_model_log_hit (strings are copied). */
struct cd_log_hit {
	const char *signature, *rule, *product, *title, *product_message, *diagnosis, *remedy;
	const struct cd_log_field *fields;
	size_t n_fields;
	unsigned long line;
	const char *text;
	size_t text_len;
	const char *ts; /* timestamp text as found, "" when none */
	cd_time_t t;    /* CD_TIME_NONE when the timestamp has no date */
};

struct cd_log_record {
	char *signature, *rule, *product, *title, *product_message, *diagnosis, *remedy;
	char *host, *address, *subject; /* the aggregation key, "" when not captured */
	struct cd_log_field *fields;    /* every capture of the first line seen */
	size_t n_fields;
	unsigned long count;
	char *first_seen, *last_seen;   /* timestamp text as found, "" when none */
	cd_time_t first_t, last_t;      /* parsed, CD_TIME_NONE when no date */
	struct cd_log_example examples[CD_LOG_EXAMPLES];
	size_t n_examples;
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
	struct cd_log_record *logs; /* owned, in order of first sight */
	size_t n_logs, cap_logs;
	int logs_limit_reported;
	size_t *logs_index; /* open addressing over logs by key hash */
	size_t logs_index_cap;
	struct cd_tls_conn *conns; /* owned */
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

/* Add one log line a signature matched, at src (path, rel). Aggregates with the record of the
 * same signature, rule, host, address and subject: count, first and last timestamp (by parsed
 * time when both have a date, else by order of sight), the first CD_LOG_EXAMPLES lines.
 * CD_OK, CD_E_NOMEM, or CD_E_LIMIT (CD_LIMIT_LOG_RECORDS reached: an event is recorded once). */
int cd_model_log_hit(struct cd_model *m, const struct cd_log_hit *h, const struct cd_source *src);
/* Free the log records (called by cd_model_release). */
void cd_model_logs_release(struct cd_model *m);
/* A new, zeroed connection record with path/rel copied; NULL when out of memory. The pointer
 * lives until the next cd_model_conn_new (the array grows): keep indices, not pointers. */
struct cd_tls_conn *cd_model_conn_new(struct cd_model *m, const char *path, const char *rel);

/* Is the subjectAltName list of c all there (not cut, CD_CUT_SAN)? When it is not, a name not
 * found in it may be in the part that was dropped. */
static inline int cd_cert_san_whole(const struct cd_cert *c)
{
	return !(c->cut & CD_CUT_SAN);
}
/* ... and are its values whole too (sets of names can be compared)? */
static inline int cd_cert_san_comparable(const struct cd_cert *c)
{
	return !(c->cut & (CD_CUT_SAN | CD_CUT_SAN_VALUE));
}
static inline int cd_csr_san_comparable(const struct cd_csr *c)
{
	return !(c->cut & (CD_CUT_SAN | CD_CUT_SAN_VALUE));
}
/* Is the extendedKeyUsage list of c all there (a purpose not found is absent)? */
static inline int cd_cert_eku_whole(const struct cd_cert *c)
{
	return !(c->cut & CD_CUT_EKU);
}

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
