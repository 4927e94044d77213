/* helpers.c - test helpers. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "helpers.h"

extern char **environ;

const char *src_path(const char *rel)
{
	static char buf[8][4096];
	static int k;
	const char *root = getenv("CD_SOURCE_DIR");
	char *b = buf[k++ % 8];
	snprintf(b, 4096, "%s/%s", root ? root : ".", rel);
	return b;
}

char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *d = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			d = realloc(d, cap);
		}
		size_t r = fread(d + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	d[n] = 0;
	if (len)
		*len = n;
	return d;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **list_dir(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **v = NULL;
	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		v = realloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp);
	return v;
}

void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int scan_paths(struct cd_scan *s, const char *const *paths, size_t n, const char *at)
{
	struct cd_scan_opts o;
	char *err = NULL;
	int rc;
	memset(&o, 0, sizeof(o));
	o.paths = paths;
	o.n_paths = n;
	o.eval.expiry_warn = 30;
	cr_assert_eq(cd_time_parse(at, &o.eval.at), 0, "bad time %s", at);
	rc = cd_scan_run(s, &o, &err);
	cr_assert_eq(rc, 0, "scan failed: %s", err ? err : "?");
	return rc;
}

static char *slurp_fd(int fd)
{
	char *d = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			d = realloc(d, cap);
		}
		ssize_t r = read(fd, d + n, cap - n - 1);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	d[n] = 0;
	return d;
}

int run_binary(char *const argv[], char **out, char **err)
{
	return run_binary_as(NULL, argv, out, err);
}

int run_binary_as(const char *const prefix[], char *const argv[], char **out, char **err)
{
	const char *bin = getenv("CD_BINARY");
	int po[2], pe[2], st;
	pid_t pid;
	posix_spawn_file_actions_t fa;
	char **av;
	size_t n = 0, np = 0, k = 0;
	if (!bin || pipe(po) || pipe(pe))
		return -1;
	while (argv[n])
		n++;
	while (prefix && prefix[np])
		np++;
	av = calloc(np + n + 1, sizeof(*av));
	for (size_t i = 0; i < np; i++)
		av[k++] = (char *)prefix[i];
	av[k++] = (char *)bin;
	for (size_t i = 1; i < n; i++)
		av[k++] = argv[i];
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);
	if (posix_spawn(&pid, av[0], &fa, NULL, av, environ)) {
		free(av);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	free(av);
	close(po[1]);
	close(pe[1]);
	/* outputs here are small; read stdout then stderr */
	char *o = slurp_fd(po[0]);
	char *e = slurp_fd(pe[0]);
	close(po[0]);
	close(pe[0]);
	waitpid(pid, &st, 0);
	if (out)
		*out = o;
	else
		free(o);
	if (err)
		*err = e;
	else
		free(e);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

size_t count_rule(const struct cd_scan *s, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < s->report.n_findings; i++)
		n += !strcmp(s->report.findings[i].rule->id, rule);
	return n;
}

const struct cd_role_tables *test_role_tables(void)
{
	static struct cd_profiles ps;
	static int loaded;
	char *err = NULL;
	if (!loaded) {
		if (cd_profiles_load(&ps, &err) < 0) {
			fprintf(stderr, "profiles: %s\n", err ? err : "out of memory");
			abort();
		}
		loaded = 1;
	}
	return &ps.roles;
}

const struct cd_object *last_of_kind(const struct cd_model *m, enum cd_kind k)
{
	const struct cd_object *o = NULL;
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == k)
			o = m->objects[i];
	return o;
}
