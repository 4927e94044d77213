/* test_inputs.c - inputs that are not there or cannot be read: one stderr line naming each and
 * why, the other inputs still analysed and reported, exit 2; never an ingest.unparseable
 * finding (issue 10). Unreadable files are tested as a user who cannot read them: as root,
 * through setpriv as nobody (skipped only when setpriv is missing); otherwise as ourselves. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"
#include "ingest/ingest.h"
#include "ingest/passwords.h"
#include "model/model.h"
#include "util/error.h"

#define AT "--at=2026-06-01T00:00:00Z"
#define MISSING "/nonexistent-certdiag/nosuch.pem"

static const char *const AS_NOBODY[] = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
					"--clear-groups", "--", NULL};

static size_t count_json_rule(json_t *report, const char *rule)
{
	size_t n = 0, i;
	json_t *f;
	json_array_foreach(json_object_get(report, "findings"), i, f)
		n += !strcmp(json_string_value(json_object_get(f, "rule")), rule);
	return n;
}

/* Objects of the report found at a path ending in suffix. */
static size_t count_objects_from(json_t *report, const char *suffix)
{
	size_t n = 0, i, k;
	json_t *o, *src;
	json_array_foreach(json_object_get(report, "objects"), i, o)
		json_array_foreach(json_object_get(o, "sources"), k, src) {
			const char *p = json_string_value(json_object_get(src, "path"));
			size_t lp = p ? strlen(p) : 0, ls = strlen(suffix);
			if (lp >= ls && !strcmp(p + lp - ls, suffix)) {
				n++;
				break;
			}
		}
	return n;
}

static json_t *parse(const char *out)
{
	json_error_t je;
	json_t *j = json_loads(out ? out : "", 0, &je);
	cr_assert_not_null(j, "not JSON: %s", je.text);
	return j;
}

Test(inputs, a_missing_path_is_named_on_stderr_and_the_rest_is_reported)
{
	char *good = strdup(src_path("testdata/formats/chain.pem"));
	char *orders[2][8] = {
		{"", "scan", AT, "--format", "json", MISSING, good, NULL},
		{"", "scan", AT, "--format", "json", good, MISSING, NULL},
	};
	for (int k = 0; k < 2; k++) {
		char *out = NULL, *err = NULL;
		json_t *j, *ie;
		cr_expect_eq(run_binary(orders[k], &out, &err), 2, "exit 2, as grep does");
		cr_expect_str_eq(err, "certdiag: " MISSING ": No such file or directory\n");
		j = parse(out);
		ie = json_object_get(j, "input_errors");
		cr_expect_eq(json_array_size(ie), 1);
		cr_expect_str_eq(json_string_value(json_object_get(json_array_get(ie, 0), "path")), MISSING);
		cr_expect_str_eq(json_string_value(json_object_get(json_array_get(ie, 0), "error")),
				 "No such file or directory");
		cr_expect_eq(count_json_rule(j, "ingest.unparseable"), 0, "not a damaged certificate");
		cr_expect_eq(count_objects_from(j, "formats/chain.pem"), 3, "the other input is analysed");
		cr_expect_eq(json_integer_value(json_object_get(json_object_get(j, "summary"), "exit_code")), 2);
		json_decref(j);
		free(out);
		free(err);
	}
	free(good);
}

Test(inputs, the_text_report_says_what_was_not_read_and_why_it_exits_2)
{
	char *good = strdup(src_path("testdata/formats/chain.pem"));
	char *argv[] = {"", "scan", AT, "--no-color", MISSING, good, NULL};
	char *out = NULL, *err = NULL;
	cr_expect_eq(run_binary(argv, &out, &err), 2);
	cr_expect_str_eq(err, "certdiag: " MISSING ": No such file or directory\n");
	cr_expect(strstr(out, "not read: " MISSING ": No such file or directory\n") != NULL, "%s", out);
	cr_expect(strstr(out, "exit 2 (an input could not be read)") != NULL, "%s", out);
	cr_expect(strstr(out, "ingest.unparseable") == NULL, "%s", out);
	free(out);
	free(err);
	free(good);
}

Test(inputs, other_commands_name_a_missing_input_the_same_way)
{
	char *good = strdup(src_path("testdata/formats/chain.pem"));
	char *show[] = {"", "show", MISSING, good, NULL};
	char *verify[] = {"", "verify", AT, "--trust", good, MISSING, NULL};
	char *err = NULL;
	cr_expect_eq(run_binary(show, NULL, &err), 2);
	cr_expect_str_eq(err, "certdiag: " MISSING ": No such file or directory\n");
	free(err);
	cr_expect_eq(run_binary(verify, NULL, &err), 2);
	cr_expect_str_eq(err, "certdiag: " MISSING ": No such file or directory\n");
	free(err);
	free(good);
}

/* A folder with a readable certificate, a file and a folder nobody else may read. */
static char *make_locked_tree(void)
{
	char *dir = strdup("/tmp/certdiag-inputs.XXXXXX");
	char path[512], *pem;
	size_t len;
	FILE *f;
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(chmod(dir, 0755), 0);
	pem = read_all(src_path("testdata/formats/chain.pem"), &len);
	cr_assert_not_null(pem);
	snprintf(path, sizeof(path), "%s/ok.pem", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fwrite(pem, 1, len, f);
	fclose(f);
	cr_assert_eq(chmod(path, 0644), 0);
	snprintf(path, sizeof(path), "%s/locked.pem", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fwrite(pem, 1, len, f);
	fclose(f);
	cr_assert_eq(chmod(path, 0), 0);
	snprintf(path, sizeof(path), "%s/locked-dir", dir);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/locked-dir/in.pem", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fwrite(pem, 1, len, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/locked-dir", dir);
	cr_assert_eq(chmod(path, 0), 0);
	free(pem);
	return dir;
}

static void remove_locked_tree(char *dir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/locked-dir", dir);
	chmod(path, 0755);
	snprintf(path, sizeof(path), "%s/locked-dir/in.pem", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/locked-dir", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/locked.pem", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ok.pem", dir);
	unlink(path);
	rmdir(dir);
	free(dir);
}

/* As a user who may not read them: nobody through setpriv when we are root, else ourselves. */
static int run_unprivileged(char *const argv[], char **out, char **err)
{
	if (geteuid() != 0)
		return run_binary(argv, out, err);
	if (access(AS_NOBODY[0], X_OK) != 0)
		return -2;
	return run_binary_as(AS_NOBODY, argv, out, err);
}

Test(inputs, unreadable_files_and_folders_are_input_errors_for_a_user_who_cannot_read_them)
{
	char *dir = make_locked_tree();
	char locked[512], expect[2048], *out = NULL, *err = NULL;
	char *walk[] = {"", "scan", AT, "--format", "json", dir, NULL};
	char *named[] = {"", "scan", AT, "--format", "json", locked, NULL};
	json_t *j;
	int rc;
	snprintf(locked, sizeof(locked), "%s/locked.pem", dir);
	rc = run_unprivileged(walk, &out, &err);
	if (rc == -2) {
		cr_log_warn("setpriv not found: the unreadable-file part is skipped when running as root");
		remove_locked_tree(dir);
		return;
	}
	cr_expect_eq(rc, 2);
	/* the folder is walked in name order: locked-dir, locked.pem, ok.pem */
	snprintf(expect, sizeof(expect),
		 "certdiag: %s/locked-dir: Permission denied\ncertdiag: %s/locked.pem: Permission denied\n",
		 dir, dir);
	cr_expect_str_eq(err, expect);
	j = parse(out);
	cr_expect_eq(json_array_size(json_object_get(j, "input_errors")), 2);
	cr_expect_eq(count_json_rule(j, "ingest.unparseable"), 0);
	cr_expect_eq(count_objects_from(j, "/ok.pem"), 3, "the readable file is analysed");
	json_decref(j);
	free(out);
	free(err);

	/* a named file the user may not read: the same line, nothing else read, exit 2 */
	cr_expect_eq(run_unprivileged(named, &out, &err), 2);
	snprintf(expect, sizeof(expect), "certdiag: %s: Permission denied\n", locked);
	cr_expect_str_eq(err, expect);
	j = parse(out);
	cr_expect_eq(json_array_size(json_object_get(j, "objects")), 0);
	json_decref(j);
	free(out);
	free(err);
	remove_locked_tree(dir);
}

/* verify --trust FOLDER where some files of the folder cannot be read: scan names them and
 * exits 2; verify read the rest in silence and gave its verdict (exit 0 here: the readable
 * file holds the root). A trust store read in part is named on stderr, exit 2. */
Test(inputs, verify_names_an_unreadable_file_of_a_trust_folder_and_exits_2)
{
	char *dir = make_locked_tree();
	char *leaf = strdup(src_path("testdata/formats/leaf.cer"));
	char expect[2048], *out = NULL, *err = NULL;
	char *argv[] = {"", "verify", "--at", "2026-06-01T00:00:00Z", "--trust", dir, leaf, NULL};
	int rc = run_unprivileged(argv, &out, &err);
	if (rc == -2) {
		cr_log_warn("setpriv not found: skipped when running as root");
	} else {
		cr_expect_eq(rc, 2, "%s", out ? out : "");
		snprintf(expect, sizeof(expect),
			 "certdiag: %s/locked-dir: Permission denied\ncertdiag: %s/locked.pem: Permission denied\n",
			 dir, dir);
		cr_expect_str_eq(err ? err : "", expect);
		cr_expect(out && strstr(out, "valid"), "the readable part is still reported: %s", out ? out : "");
	}
	free(out);
	free(err);
	free(leaf);
	remove_locked_tree(dir);
}

/* Password-protected PKCS#12 files and keys as customers export them (testdata/pkcs12, made by
 * testdata/gen/pkcs12-passwords.sh): without a password they are named as locked with the
 * options that open them; with --password-file (a wrong line first, CRLF ends) or
 * --password-env the certificates are analysed and the keys match them; the password is
 * never printed; a FIFO or a missing file is a usage error naming it. */
static const char *pw_json(const char *opt, const char *arg, const char *path, char **out, char **err)
{
	char *a[] = {"certdiag", "scan", "--at=2027-01-01T00:00:00Z", "--format", "json", (char *)opt, (char *)arg,
		     (char *)path, NULL};
	if (!opt) {
		a[5] = (char *)path;
		a[6] = NULL;
	}
	cr_assert_geq(run_binary(a, out, err), 0);
	return *out;
}

Test(passwords, pkcs12_files_and_keys_open_with_the_passwords_given_and_never_show_them)
{
	static const char *const files[] = {"server.pfx", "server-3des.pfx"};
	const char *pass = "C1sco!2026 export";
	char list[1024];
	for (size_t i = 0; i < 2; i++) {
		char path[1024], *out = NULL, *err = NULL;
		json_t *j;
		snprintf(path, sizeof(path), "%s/%s", src_path("testdata/pkcs12"), files[i]);
		snprintf(list, sizeof(list), "%s/passwords.txt", src_path("testdata/pkcs12"));
		j = parse(pw_json(NULL, NULL, path, &out, &err));
		cr_expect_eq(count_json_rule(j, "ingest.pkcs12-encrypted"), 1, "%s", files[i]);
		cr_expect(strstr(out, "cannot be opened without the password (give it with --password-file FILE or "
				      "--password-env NAME)"), "%s", files[i]);
		json_decref(j);
		free(out);
		free(err);
		j = parse(pw_json("--password-file", list, path, &out, &err));
		cr_expect_eq(count_json_rule(j, "ingest.pkcs12-encrypted"), 0, "%s opened", files[i]);
		cr_expect_eq(count_objects_from(j, files[i]), 4, "%s: the PKCS#12, 2 certificates and 1 key; got %zu",
			     files[i], count_objects_from(j, files[i]));
		cr_expect(strstr(out, "opened with a password given (--password-file, --password-env)"), "%s", files[i]);
		cr_expect(!strstr(out, pass) && !strstr(err, pass) && !strstr(out, "wrong password"),
			  "a password is in the report");
		json_decref(j);
		free(out);
		free(err);
	}
	{ /* the key beside its certificate: opened, it has the certificate's public key */
		struct cd_model m;
		struct cd_passwords pw;
		struct cd_ingest_opts io = {0};
		char *e = NULL;
		const struct cd_object *key = NULL, *cert = NULL;
		cd_passwords_init(&pw);
		cr_assert_eq(setenv("CERTDIAG_TEST_PASSWORD", pass, 1), 0);
		cr_assert_eq(cd_passwords_add_env(&pw, "CERTDIAG_TEST_PASSWORD", &e), CD_OK);
		io.passwords = &pw;
		cd_model_init(&m);
		cd_ingest_path(&m, src_path("testdata/pkcs12/server.key"), &io);
		cd_ingest_path(&m, src_path("testdata/pkcs12/server.pem"), &io);
		key = last_of_kind(&m, CD_KIND_KEY);
		cert = last_of_kind(&m, CD_KIND_CERT);
		cr_assert(key && cert);
		cr_expect(!key->u.key->encrypted && key->u.key->key.known);
		cr_expect_eq(memcmp(key->u.key->key.spki_sha256, cert->u.cert->key.spki_sha256, 32), 0);
		cd_model_release(&m);
		cd_passwords_release(&pw);
		cr_expect_eq(pw.n, 0);
	}
}

Test(passwords, a_wrong_password_says_what_was_tried_and_bad_sources_are_usage_errors)
{
	char path[1024], wrong[1024], fifo[] = "/tmp/certdiag-pwfifo-XXXXXX", *out = NULL, *err = NULL;
	json_t *j;
	snprintf(path, sizeof(path), "%s/server.pfx", src_path("testdata/pkcs12"));
	snprintf(wrong, sizeof(wrong), "%s/wrong.txt", src_path("testdata/pkcs12"));
	j = parse(pw_json("--password-file", wrong, path, &out, &err));
	cr_expect(strstr(out, "cannot be opened with the empty password or the one password given"), "%s", out);
	cr_expect(!strstr(out, "not it"));
	json_decref(j);
	free(out);
	free(err);
	{
		char *a[] = {"certdiag", "scan", "--password-file", "/nonexistent-certdiag/pw.txt", path, NULL};
		cr_expect_eq(run_binary(a, &out, &err), 2);
		cr_expect(strstr(err, "cannot read password file '/nonexistent-certdiag/pw.txt'"), "%s", err);
		free(out);
		free(err);
	}
	{
		char *a[] = {"certdiag", "scan", "--password-env", "CERTDIAG_NO_SUCH_VARIABLE", path, NULL};
		unsetenv("CERTDIAG_NO_SUCH_VARIABLE");
		cr_expect_eq(run_binary(a, &out, &err), 2);
		cr_expect(strstr(err, "--password-env CERTDIAG_NO_SUCH_VARIABLE: no such environment variable is set"),
			  "%s", err);
		free(out);
		free(err);
	}
	{ /* a FIFO is refused without being opened: the open would wait for a writer */
		int fd = mkstemp(fifo);
		cr_assert_geq(fd, 0);
		close(fd);
		unlink(fifo);
		cr_assert_eq(mkfifo(fifo, 0600), 0);
		char *a[] = {"certdiag", "scan", "--password-file", fifo, path, NULL};
		cr_expect_eq(run_binary(a, &out, &err), 2);
		cr_expect(strstr(err, "not a regular file"), "%s", err);
		free(out);
		free(err);
		unlink(fifo);
	}
}

/* verify a password-protected PFX as LEAF: without the password it says the file is locked and
 * how to open it; with it, the end-entity certificate inside is verified */
Test(passwords, verify_opens_a_pfx_leaf_with_the_password_given)
{
	char pfx[1024], list[1024], ca[1024], *out = NULL, *err = NULL;
	snprintf(pfx, sizeof(pfx), "%s/server.pfx", src_path("testdata/pkcs12"));
	snprintf(list, sizeof(list), "%s/passwords.txt", src_path("testdata/pkcs12"));
	snprintf(ca, sizeof(ca), "%s/ca.pem", src_path("testdata/pkcs12"));
	{
		char *a[] = {"certdiag", "verify", "--at=2027-01-01T00:00:00Z", "--trust", ca, pfx, NULL};
		cr_expect_eq(run_binary(a, &out, &err), 2);
		cr_expect(strstr(err, "cannot be opened without the password (give it with --password-file FILE or "
				      "--password-env NAME)"), "%s", err);
		free(out);
		free(err);
	}
	{
		char *a[] = {"certdiag", "verify", "--at=2027-01-01T00:00:00Z", "--password-file", list, "--trust", ca,
			     pfx, NULL};
		cr_expect_eq(run_binary(a, &out, &err), 0, "%s%s", out, err);
		cr_expect(strstr(out, "valid   expe.example.com"), "%s", out);
		free(out);
		free(err);
	}
}
