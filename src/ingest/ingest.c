/* ingest.c - walk files and directories (recursively, sorted, symlink loops detected) and
 * hand each file's bytes to the content detector (detect.c). Inputs are never modified. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "archive/archive.h"
#include "ingest/ingest.h"
#include "pcap/capture.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

struct walk {
	struct cd_model *m;
	const struct cd_ingest_opts *o;
	const char *root;     /* as given */
	int is_dir_root;
	dev_t devs[CD_LIMIT_DIR_DEPTH + 2];
	ino_t inos[CD_LIMIT_DIR_DEPTH + 2];
	int depth;
	int files_limit_reported;
};

static void event_path(struct cd_model *m, const char *rule, const char *path, const char *rel,
		       const char *fmt, const char *arg)
{
	struct cd_source s;
	memset(&s, 0, sizeof(s));
	s.path = (char *)path;
	s.rel = (char *)rel;
	cd_model_event(m, rule, &s, 0, SIZE_MAX, fmt, arg);
}

static void role_for_path(const struct walk *w, const char *path, const char *rel,
			  struct cd_role *out)
{
	size_t best = 0;
	int found = 0;
	path = cd_path_skip_dot(path);
	for (size_t i = 0; i < w->o->n_roles; i++) {
		const char *sp = cd_path_skip_dot(w->o->roles[i].path);
		size_t n = strlen(sp);
		/* an empty spec (".") covers everything below the current directory */
		int match = n == 0 ? path[0] != '/'
				   : strncmp(path, sp, n) == 0 &&
					     (path[n] == 0 || path[n] == '/' || sp[n - 1] == '/');
		if (match && n >= best) {
			*out = w->o->roles[i].role;
			best = n;
			found = 1;
		}
	}
	if (!found)
		cd_role_infer(rel, w->is_dir_root, out);
	else if (!out->node[0]) {
		struct cd_role inf;
		cd_role_infer(rel, w->is_dir_root, &inf);
		cd_strlcpy(out->node, inf.node, sizeof(out->node));
	}
}

static int read_file(struct walk *w, const char *path, const char *rel)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	uint8_t *data = NULL;
	size_t len = 0, cap;
	struct cd_source src;
	int rc;
	char msg[256];

	if (w->m->stats.files >= CD_LIMIT_FILES) {
		if (!w->files_limit_reported)
			event_path(w->m, "ingest.limit-reached", path, rel,
				   "more than %s files in one scan: the rest are not read", "1000000");
		w->files_limit_reported = 1;
		if (fd >= 0)
			close(fd);
		return CD_OK;
	}
	if (fd < 0 || fstat(fd, &st) < 0) {
		event_path(w->m, "ingest.unparseable", path, rel, "cannot read the file: %s",
			   strerror(errno));
		if (fd >= 0)
			close(fd);
		return CD_E_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		event_path(w->m, "ingest.unsupported", path, rel, "%s",
			   "not a regular file (device, FIFO or socket): not read");
		close(fd);
		return CD_OK;
	}
	{ /* captures are streamed by libpcap, never read whole: any size is fine */
		uint8_t head[24];
		struct cd_source cs;
		if (pread(fd, head, sizeof(head), 0) == (ssize_t)sizeof(head) &&
		    cd_pcap_is_capture(head, sizeof(head))) {
			close(fd);
			memset(&cs, 0, sizeof(cs));
			cs.path = (char *)path;
			cs.rel = (char *)rel;
			role_for_path(w, path, rel, &cs.role);
			w->m->stats.files++;
			return cd_pcap_ingest_file(w->m, path, &cs, w->o->keylog);
		}
	}
	if ((uint64_t)st.st_size > CD_LIMIT_FILE_BYTES) {
		snprintf(msg, sizeof(msg), "file is %lld bytes, over the %lu-byte limit: not read",
			 (long long)st.st_size, CD_LIMIT_FILE_BYTES);
		event_path(w->m, "ingest.limit-reached", path, rel, "%s", msg);
		close(fd);
		return CD_OK;
	}
	if ((uint64_t)st.st_size >= CD_ARCHIVE_STREAM_MIN) {
		/* a large tar or compressed stream is walked from the file, not loaded whole */
		uint8_t head[4096];
		ssize_t hn = pread(fd, head, sizeof(head), 0);
		enum cd_archive_format f = hn > 0 ? cd_archive_bid(head, (size_t)hn) : CD_ARCHIVE_NONE;
		if (f != CD_ARCHIVE_NONE && cd_archive_streamable(f)) {
			memset(&src, 0, sizeof(src));
			src.path = (char *)path;
			src.rel = (char *)rel;
			role_for_path(w, path, rel, &src.role);
			w->m->stats.files++;
			w->m->stats.archives_streamed++;
			rc = cd_archive_ingest_fd(w->m, fd, (size_t)st.st_size, head, (size_t)hn, f, &src, w->o);
			close(fd);
			return rc == CD_E_NOMEM ? rc : CD_OK;
		}
	}
	cap = (size_t)st.st_size + 1;
	data = malloc(cap);
	if (!data) {
		close(fd);
		return CD_E_NOMEM;
	}
	for (;;) {
		ssize_t r;
		if (len == cap) { /* the file grew while we read it */
			if (cap > CD_LIMIT_FILE_BYTES)
				break;
			uint8_t *nd = realloc(data, cap * 2);
			if (!nd) {
				free(data);
				close(fd);
				return CD_E_NOMEM;
			}
			data = nd;
			cap *= 2;
		}
		r = read(fd, data + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			event_path(w->m, "ingest.unparseable", path, rel, "read error: %s", strerror(errno));
			free(data);
			close(fd);
			return CD_E_IO;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	memset(&src, 0, sizeof(src));
	src.path = (char *)path;
	src.rel = (char *)rel;
	role_for_path(w, path, rel, &src.role);
	rc = cd_ingest_buffer(w->m, data, len, &src, w->o);
	free(data);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int walk_dir(struct walk *w, const char *path, const char *rel, const struct stat *st);

static int walk_entry(struct walk *w, const char *path, const char *rel)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		struct stat lst;
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			event_path(w->m, "ingest.unsupported", path, rel, "%s",
				   "dangling or looping symbolic link: not followed");
		else
			event_path(w->m, "ingest.unparseable", path, rel, "cannot read: %s", strerror(errno));
		return CD_E_IO;
	}
	if (S_ISDIR(st.st_mode))
		return walk_dir(w, path, rel, &st);
	return read_file(w, path, rel);
}

static int walk_dir(struct walk *w, const char *path, const char *rel, const struct stat *st)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = CD_OK;

	for (int i = 0; i < w->depth; i++)
		if (w->devs[i] == st->st_dev && w->inos[i] == st->st_ino) {
			event_path(w->m, "ingest.unsupported", path, rel, "%s",
				   "symbolic link loop: this directory is already being read; not followed");
			return CD_OK;
		}
	if (w->depth > CD_LIMIT_DIR_DEPTH) {
		event_path(w->m, "ingest.limit-reached", path, rel,
			   "directory nesting deeper than %s levels: not read", "32");
		return CD_OK;
	}
	d = opendir(path);
	if (!d) {
		event_path(w->m, "ingest.unparseable", path, rel, "cannot open the directory: %s",
			   strerror(errno));
		return CD_E_IO;
	}
	w->m->stats.dirs++;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			char **nn = realloc(names, nc * sizeof(*nn));
			if (!nn) {
				rc = CD_E_NOMEM;
				break;
			}
			names = nn;
			cap = nc;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			rc = CD_E_NOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == CD_OK) {
		if (n) /* an empty folder has no list (qsort wants one even for 0 entries) */
			qsort(names, n, sizeof(*names), cmp_names);
		w->devs[w->depth] = st->st_dev;
		w->inos[w->depth] = st->st_ino;
		w->depth++;
		for (size_t i = 0; i < n && rc != CD_E_NOMEM; i++) {
			struct cd_buf p, r;
			cd_buf_init(&p, 1 << 16);
			cd_buf_init(&r, 1 << 16);
			if (cd_buf_addf(&p, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
					names[i]) < 0 ||
			    cd_buf_addf(&r, "%s%s%s", rel, *rel ? "/" : "", names[i]) < 0) {
				event_path(w->m, "ingest.limit-reached", path, rel, "%s",
					   "path too long: entry not read");
			} else {
				int e = walk_entry(w, (char *)p.data, (char *)r.data);
				if (e == CD_E_NOMEM)
					rc = e;
			}
			cd_buf_release(&p);
			cd_buf_release(&r);
		}
		w->depth--;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cd_ingest_path(struct cd_model *m, const char *path, const struct cd_ingest_opts *o)
{
	struct walk w;
	struct stat st;
	static const struct cd_ingest_opts none = {.roles = NULL};
	const char *rel = path;

	memset(&w, 0, sizeof(w));
	w.m = m;
	w.o = o ? o : &none;
	w.root = path;
	if (stat(path, &st) < 0) {
		event_path(m, "ingest.unparseable", path, path, "cannot read: %s", strerror(errno));
		return CD_E_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		w.is_dir_root = 1;
		return walk_dir(&w, path, "", &st);
	}
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	return read_file(&w, path, rel);
}

int cd_ingest_system_trust(struct cd_model *m)
{
	gnutls_x509_trust_list_t tl;
	gnutls_x509_trust_list_iter_t it = NULL;
	gnutls_x509_crt_t crt;
	struct cd_source src;
	int rc = CD_OK, n = 0;
	if (gnutls_x509_trust_list_init(&tl, 0) < 0)
		return CD_E_NOMEM;
	if (gnutls_x509_trust_list_add_system_trust(tl, 0, 0) <= 0) {
		gnutls_x509_trust_list_deinit(tl, 1);
		return CD_E_IO;
	}
	memset(&src, 0, sizeof(src));
	src.path = "(system trust store)";
	src.rel = "(system trust store)";
	src.role.kind = CD_ROLE_TRUST;
	cd_strlcpy(src.role.name, "system", sizeof(src.role.name));
	src.role.explicit_ = 1;
	while (gnutls_x509_trust_list_iter_get_ca(tl, &it, &crt) == 0) {
		gnutls_datum_t d = {0};
		size_t idx;
		char *detail = NULL;
		if (gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &d) == 0) {
			src.position = (unsigned)++n;
			if (cd_model_add(m, CD_KIND_CERT, d.data, d.size, &src, &idx, &detail) == CD_E_NOMEM)
				rc = CD_E_NOMEM;
			free(detail);
			gnutls_free(d.data);
		}
		gnutls_x509_crt_deinit(crt);
		if (rc < 0)
			break;
	}
	gnutls_x509_trust_list_iter_deinit(it);
	gnutls_x509_trust_list_deinit(tl, 1);
	return rc;
}
