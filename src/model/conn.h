/* conn.h - TLS connection records of the model (struct cd_model.conns), filled by the capture
 * reader (src/pcap/capture.c); readers: the tls.* rules, the connection and cipher reports. */
#ifndef CD_MODEL_CONN_H
#define CD_MODEL_CONN_H

#include <stddef.h>
#include <stdint.h>

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

/* Free what c owns (its strings and arrays, not c itself). */
void cd_tls_conn_release(struct cd_tls_conn *c);

#endif
