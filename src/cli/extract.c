/* extract.c - `certdiag extract [-o DIR] [--format pem|der] INPUT...`: write every
 * certificate found (captures, bundles, archives) to its own file, named after where it was
 * found (capture, frame, flow, side, position) and its id. Never overwrites without --force;
 * never writes outside DIR: names are built from a fixed alphabet, with no '/' and no
 * leading '.'; each file is written whole or not at all, and a link planted at its name is
 * replaced, never written through (util/outfile.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include <gnutls/gnutls.h>
#include "pcap/keylog.h"
#include "util/error.h"
#include "util/outfile.h"

static const char HELP[] =
	"usage: certdiag extract [OPTIONS] INPUT...\n"
	"Write every certificate found in INPUT (packet captures, PEM/DER/PKCS#7 bundles, CUCM ITL and\n"
	"CTL files, directories) to its own file in DIR, named after its capture, frame, flow, side\n"
	"and position (or its file and position or record) and its id.\n\n"
	"  -o, --output DIR         directory to write to (created if missing; default .)\n"
	"  -f, --format pem|der     (default pem)\n"
	"      --force              replace existing files (a link there is replaced, not followed)\n"
	"      --password-file FILE, --password-env NAME  open encrypted PKCS#12 files (as for scan)\n"
	"      --keylog FILE        TLS key log (SSLKEYLOGFILE format): decrypt TLS 1.3 handshakes\n"
	"                           to reach their certificates; repeatable\n"
	"exit: 0 certificates written, 1 none found, 2 usage error, no input readable, an unreadable\n"
	"      --keylog or a write error\n";

/* Append src to out (size n, NUL-terminated), keeping [A-Za-z0-9.-] and turning every
 * run of anything else into one '_'. */
static void sanitize_append(char *out, size_t n, const char *src)
{
	size_t l = strlen(out);
	for (; *src && l + 1 < n; src++) {
		char c = *src;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
			 c == '-';
		if (!ok) {
			if (l && out[l - 1] == '_')
				continue;
			c = '_';
		}
		out[l++] = c;
	}
	out[l] = 0;
}

static void file_name(const struct cd_object *o, int der, char *out, size_t n)
{
	const struct cd_source *s = cd_object_first_source(o);
	const char *base = s && s->path ? strrchr(s->path, '/') : NULL;
	char tail[64];
	out[0] = 0;
	base = base ? base + 1 : s && s->path ? s->path : "input";
	sanitize_append(out, n - 80, base);
	if (s && s->locator) {
		/* an ITL/CTL record's locator starts with the file's own name: not twice */
		const char *loc = s->locator;
		size_t bl = strlen(base);
		if (!strncmp(loc, base, bl) && loc[bl] == ',' && loc[bl + 1] == ' ')
			loc += bl + 2;
		sanitize_append(out, n - 80, "_");
		sanitize_append(out, n - 80, loc);
	} else if (s && s->pem_block) {
		snprintf(tail, sizeof(tail), "_block-%lu", s->pem_block);
		sanitize_append(out, n - 80, tail);
	} else if (s && s->position) {
		snprintf(tail, sizeof(tail), "_position-%u", s->position);
		sanitize_append(out, n - 80, tail);
	}
	snprintf(tail, sizeof(tail), "_%s.%s", o->id, der ? "der" : "pem");
	sanitize_append(out, n, tail);
	while (out[0] == '.' || out[0] == '_' || out[0] == '-')
		memmove(out, out + 1, strlen(out));
}

/* Write one certificate to dir/name through a temporary file renamed into place (never
 * through a link planted at name, never over an input). CD_OK, or a negative code with *err. */
static int write_cert(int dirfd, const char *dir, const char *name, const struct cd_object *o, int der,
		      int force, const char *const *inputs, size_t n_inputs, char **err)
{
	struct cd_outfile out;
	char shown[4400];
	int rc;
	snprintf(shown, sizeof(shown), "%s/%s", dir, name);
	rc = cd_outfile_open(&out, dirfd, name, shown, force, inputs, n_inputs, err);
	if (rc < 0)
		return rc;
	if (der) {
		fwrite(o->der, 1, o->der_len, out.f);
	} else {
		gnutls_datum_t in = {o->der, (unsigned)o->der_len}, pem = {0};
		if (gnutls_pem_base64_encode2("CERTIFICATE", &in, &pem) < 0) {
			cd_outfile_abort(&out);
			return CD_E_NOMEM;
		}
		fwrite(pem.data, 1, pem.size, out.f);
		gnutls_free(pem.data);
	}
	return cd_outfile_commit(&out, err);
}

int cd_cmd_extract(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_model m;
	struct cd_keylog kl;
	int code = CD_EXIT_OK, dirfd = -1, der;
	size_t read_ok = 0, written = 0;
	const char *dir;

	if (cd_cli_parse(&o, argc, argv, CD_DOC_KINDS) < 0) {
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.help || o.n_paths == 0) {
		int help = o.help;
		fputs(HELP, help ? stdout : stderr);
		cd_cli_release(&o);
		return help ? CD_EXIT_OK : CD_EXIT_USAGE;
	}
	/* not a report: --format picks the encoding of the certificate files */
	der = o.format && !strcmp(o.format, "der");
	if (o.format && !der && strcmp(o.format, "pem")) {
		fprintf(stderr, "certdiag extract: unknown format '%s' (pem|der)\ntry 'certdiag extract --help'\n",
			o.format);
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	dir = o.output ? o.output : ".";
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "certdiag extract: cannot create '%s': %s\n", dir, strerror(errno));
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		fprintf(stderr, "certdiag extract: cannot open '%s': %s\n", dir, strerror(errno));
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	cd_cli_scan_opts(&o, &so);
	cd_model_init(&m);
	cd_keylog_init(&kl);
	for (size_t i = 0; i < so.n_keylogs; i++) {
		char *err = NULL;
		int rc = cd_keylog_load_file(&kl, so.keylogs[i], &m, &err);
		if (rc < 0) {
			fprintf(stderr, "certdiag extract: %s\n", err ? err : "out of memory");
			free(err);
			cd_keylog_release(&kl);
			cd_model_release(&m);
			close(dirfd);
			cd_cli_release(&o);
			return CD_EXIT_USAGE;
		}
	}
	so.ingest.keylog = &kl;
	for (size_t i = 0; i < so.n_paths; i++) {
		if (cd_ingest_path(&m, so.paths[i], &so.ingest) == CD_OK)
			read_ok++;
	}
	for (size_t i = 0; i < m.n_objects && code == CD_EXIT_OK; i++) {
		const struct cd_object *ob = m.objects[i];
		char name[256];
		int rc;
		if (ob->kind != CD_KIND_CERT || !ob->der)
			continue;
		char *err = NULL;
		file_name(ob, der, name, sizeof(name));
		rc = write_cert(dirfd, dir, name, ob, der, o.force, so.paths, so.n_paths, &err);
		if (rc < 0) {
			fprintf(stderr, "certdiag extract: %s\n", err ? err : "out of memory");
			free(err);
			code = CD_EXIT_USAGE;
		} else {
			printf("%s/%s\n", dir, name);
			written++;
		}
	}
	/* what stood in the way of decrypting (never a secret: line numbers and reasons) */
	for (size_t i = 0; i < m.n_events; i++)
		if (!strcmp(m.events[i].rule, "tls.keylog-malformed") || !strcmp(m.events[i].rule, "tls.decryption-failed"))
			fprintf(stderr, "certdiag extract: %s: %s\n", m.events[i].rule, m.events[i].message);
	/* an input that could not be read: exit 2, once the readable ones are extracted */
	if (cd_cli_input_errors(&m) || (code == CD_EXIT_OK && !read_ok))
		code = CD_EXIT_USAGE;
	else if (code == CD_EXIT_OK && !written)
		code = CD_EXIT_FINDINGS;
	close(dirfd);
	cd_model_release(&m);
	cd_keylog_release(&kl);
	cd_cli_release(&o);
	return code;
}
