/* test_customer.c - bundles as customers really send them (issue 10, testdata/customer/ from
 * testdata/gen/customer-mail.sh): each scenario's args go through the real scan option parser
 * from inside its folder; its product findings, every role (with its source), the role notes
 * and the product rules' not-checked lines must be exactly the expected ones, and a mail
 * scenario must give the same product findings as the on-box layout it names in same-as. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "helpers.h"
#include "util/buf.h"

struct lines {
	char **v;
	size_t n;
};

static void add(struct lines *l, struct cd_buf *b)
{
	char *s = cd_buf_detach(b);
	cr_assert_not_null(s);
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s)) {
			free(s);
			return;
		}
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	cr_assert_not_null(l->v);
	l->v[l->n++] = s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void release(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int product_rule(const char *id)
{
	return !strncmp(id, "cucm.", 5) || !strncmp(id, "expressway.", 11);
}

/* What a scenario gives: its product findings (with or without the path), roles, notes and
 * not-checked lines, each sorted. */
struct got {
	struct lines findings, findings_nopath, roles, notes, not_checked;
};

static void run_scenario(const char *name, struct got *g)
{
	char dir[4096], *args_text;
	char *argv[32];
	int argc = 0;
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	char *err = NULL;
	memset(g, 0, sizeof(*g));
	snprintf(dir, sizeof(dir), "%s/%s", src_path("testdata/customer"), name);
	cr_assert_eq(chdir(dir), 0, "%s: no scenario folder", name);
	args_text = read_all("args", NULL);
	cr_assert_not_null(args_text, "%s: no args", name);
	argv[argc++] = "scan";
	for (char *l = args_text, *e; l && *l && argc < 30; l = e ? e + 1 : NULL) {
		e = strchr(l, '\n');
		if (e)
			*e = 0;
		if (*l)
			argv[argc++] = l;
	}
	argv[argc++] = "input";
	argv[argc] = NULL;
	cr_assert_eq(cd_cli_parse(&o, argc, argv, CD_DOC_SCAN), 0, "%s: args rejected", name);
	cd_cli_scan_opts(&o, &so);
	cr_assert_eq(cd_scan_run(&s, &so, &err), 0, "%s: %s", name, err ? err : "");
	cr_expect_eq(s.model.n_input_errors, 0, "%s: an input could not be read", name);
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		struct cd_buf b, c;
		if (!product_rule(f->rule->id))
			continue;
		cd_buf_init(&b, 1 << 16);
		cd_buf_addf(&b, "%s\t%s\t", f->rule->id, cd_severity_name(f->rule->severity));
		for (size_t k = 0; k < f->n_objects; k++)
			cd_buf_addf(&b, "%s%s", k ? "," : "", s.model.objects[f->objects[k]]->id);
		cd_buf_init(&c, 1 << 16);
		cd_buf_adds(&c, (const char *)b.data);
		cd_buf_addf(&b, "\t%s", f->path ? f->path : "");
		add(&g->findings, &b);
		add(&g->findings_nopath, &c);
	}
	for (size_t i = 0; i < s.model.n_objects; i++) {
		const struct cd_object *ob = s.model.objects[i];
		for (size_t k = 0; k < ob->n_sources; k++) {
			const struct cd_role *r = &ob->sources[k].role;
			char role[96];
			struct cd_buf b;
			if (!r->kind)
				continue;
			cd_role_format(r, role, sizeof(role));
			cd_buf_init(&b, 1 << 16);
			cd_buf_addf(&b, "%s\t%s\t%s\t%s", ob->id, role, r->node, cd_role_origin_name(r->origin));
			add(&g->roles, &b);
			cr_expect_not_null(r->reason, "%s: %s has role %s without a reason", name, ob->id, role);
		}
	}
	for (size_t i = 0; i < s.model.n_role_notes; i++) {
		struct cd_buf b;
		cd_buf_init(&b, 1 << 16);
		cd_buf_addf(&b, "%s\t%s",
			    s.model.role_notes[i].object < s.model.n_objects
				    ? s.model.objects[s.model.role_notes[i].object]->id
				    : "-",
			    s.model.role_notes[i].message);
		add(&g->notes, &b);
	}
	for (size_t i = 0; i < s.report.n_results; i++) {
		const struct cd_rule_result *r = &s.report.results[i];
		if (!product_rule(r->rule->id))
			continue;
		for (size_t k = 0; k < r->n_not_checked; k++) {
			struct cd_buf b;
			cd_buf_init(&b, 1 << 16);
			cd_buf_addf(&b, "%s\t%s\t%s", r->rule->id, r->not_checked[k].what,
				    r->not_checked[k].enable);
			add(&g->not_checked, &b);
		}
	}
	struct lines *all[] = {&g->findings, &g->findings_nopath, &g->roles, &g->notes, &g->not_checked};
	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		if (all[k]->n)
			qsort(all[k]->v, all[k]->n, sizeof(char *), cmp_str);
	cd_scan_release(&s);
	cd_cli_release(&o);
	free(args_text);
}

static void release_got(struct got *g)
{
	release(&g->findings);
	release(&g->findings_nopath);
	release(&g->roles);
	release(&g->notes);
	release(&g->not_checked);
}

/* file (in the current scenario folder) against got, line for line */
static void expect_lines(const char *name, const char *file, const struct lines *got)
{
	char *text = read_all(file, NULL);
	struct lines want = {0};
	int ok;
	cr_assert_not_null(text, "%s: no %s file", name, file);
	for (char *l = text, *e; l && *l; l = e ? e + 1 : NULL) {
		struct cd_buf b;
		e = strchr(l, '\n');
		if (e)
			*e = 0;
		if (!*l)
			continue;
		cd_buf_init(&b, 1 << 16);
		cd_buf_adds(&b, l);
		add(&want, &b);
	}
	if (want.n)
		qsort(want.v, want.n, sizeof(char *), cmp_str);
	ok = want.n == got->n;
	for (size_t i = 0; ok && i < want.n; i++)
		ok = !strcmp(want.v[i], got->v[i]);
	if (!ok) {
		for (size_t i = 0; i < want.n; i++)
			cr_log_error("%s/%s want: %s", name, file, want.v[i]);
		for (size_t i = 0; i < got->n; i++)
			cr_log_error("%s/%s got:  %s", name, file, got->v[i]);
	}
	cr_expect(ok, "%s: %s differs (see above)", name, file);
	release(&want);
	free(text);
}

static void check_scenario(const char *name)
{
	struct got g, other;
	char *same;
	run_scenario(name, &g);
	expect_lines(name, "expected", &g.findings);
	expect_lines(name, "roles", &g.roles);
	expect_lines(name, "notes", &g.notes);
	expect_lines(name, "not-checked", &g.not_checked);
	same = read_all("same-as", NULL);
	if (same) {
		char *nl = strchr(same, '\n');
		if (nl)
			*nl = 0;
		run_scenario(same, &other);
		cr_expect(other.findings_nopath.n > 0, "%s: its on-box twin %s finds nothing", name, same);
		cr_expect_eq(g.findings_nopath.n, other.findings_nopath.n,
			     "%s: %zu product finding(s), the on-box layout %s: %zu", name,
			     g.findings_nopath.n, same, other.findings_nopath.n);
		for (size_t i = 0; i < g.findings_nopath.n && i < other.findings_nopath.n; i++)
			cr_expect_str_eq(g.findings_nopath.v[i], other.findings_nopath.v[i],
					 "%s and its on-box layout %s differ", name, same);
		release_got(&other);
		free(same);
	}
	release_got(&g);
}

Test(customer, a_mail_without_trust_store_finds_what_the_on_box_layout_finds)
{
	check_scenario("mail-no-trust");
}

Test(customer, a_mail_with_its_root_given_as_tomcat_trust_finds_what_the_on_box_layout_finds)
{
	check_scenario("mail-with-trust");
}

Test(customer, the_on_box_layouts_find_as_expected)
{
	check_scenario("onbox-no-trust");
	check_scenario("onbox-trust");
	check_scenario("onbox-regenerated");
	check_scenario("expressway-onbox");
}

Test(customer, an_identity_role_on_a_whole_archive_goes_to_the_end_entity_certificate_only)
{
	check_scenario("role-whole-archive");
}

Test(customer, a_trust_role_on_a_whole_archive_goes_to_its_ca_certificates_only)
{
	check_scenario("role-trust-whole-archive");
}

/* A file its name makes an identity (tomcat.pem on the box, an Expressway server.pem in a mail)
 * that carries its chain: the identity is its end-entity certificate, as with --role; the CAs
 * beside it were identities too (and labelled so wherever a finding named them). */
Test(customer, an_identity_file_that_carries_its_chain_is_its_end_entity_certificate)
{
	check_scenario("onbox-chain-in-identity");
	check_scenario("expressway-chain-in-server-file");
}

Test(customer, roles_name_members_of_nested_archives)
{
	check_scenario("role-nested-member");
}

Test(customer, one_key_in_csrs_of_two_nodes_is_ambiguous_and_infers_nothing)
{
	check_scenario("two-nodes-one-key");
}

Test(customer, a_ca_certificate_with_a_csr_key_is_no_identity)
{
	check_scenario("ca-with-csr-key");
}

Test(customer, a_certificate_with_the_csr_subject_and_sans_but_another_key_is_a_key_mismatch)
{
	check_scenario("regenerated-csr");
}

Test(customer, a_csr_purpose_comes_from_its_request_when_only_one_fits)
{
	check_scenario("capf-by-usage");
}

Test(customer, expressway_server_files_anywhere_are_server_certificates_one_node_per_folder)
{
	check_scenario("expressway-mail");
}

/* The text report says which roles were inferred and why, before the findings. */
/* show and the inventory (text, HTML) said "[identity:tomcat on cucm-pub]" and
 * "identity:tomcat" for a role inferred from content, like one its path gives: every inferred
 * role says so (and show, why), wherever it is printed. */
Test(customer, show_and_the_inventory_say_a_role_is_inferred)
{
	char *in = strdup(src_path("testdata/customer/mail-no-trust/input/cucm-pub certificates.zip"));
	char *show[] = {"", "show", "--at", "2026-06-01T00:00:00Z", "--no-color", in, NULL};
	char *inv[] = {"", "scan", "--at", "2026-06-01T00:00:00Z", "--product", "cucm", "--no-color",
		       "--inventory", in, NULL};
	char *out = NULL;
	const char *p;
	cr_expect_eq(run_binary(show, &out, NULL), 0);
	p = strstr(out, "certnew.cer, offset 0 [identity:tomcat on cucm-pub, inferred]\n");
	cr_expect_not_null(p, "%s", out);
	cr_expect(p && strstr(p, "because its public key equals the key of tomcat.csr"), "%s", out);
	free(out);
	out = NULL;
	run_binary(inv, &out, NULL);
	p = strstr(out, "INVENTORY (");
	cr_assert_not_null(p, "%s", out);
	cr_expect(strstr(p, "cucm-pub  identity:tomcat (inferred)  "), "%s", p);
	free(out);
	free(in);
}

Test(customer, the_text_report_shows_the_inferred_roles)
{
	char *in = strdup(src_path("testdata/customer/mail-no-trust/input/cucm-pub certificates.zip"));
	char *argv[] = {"", "scan", "--at", "2026-06-01T00:00:00Z", "--product", "cucm", "--no-color", in, NULL};
	char *out = NULL;
	const char *roles, *errors;
	cr_expect_eq(run_binary(argv, &out, NULL), 1);
	roles = strstr(out, "ROLES FROM CONTENT (");
	errors = strstr(out, "\nERRORS (");
	cr_assert_not_null(roles, "%s", out);
	cr_expect(errors && roles < errors, "the roles come before the findings");
	cr_expect(strstr(roles, "certnew.cer: identity:tomcat on cucm-pub") != NULL, "%s", out);
	cr_expect(strstr(roles, "because its public key equals the key of tomcat.csr") != NULL, "%s", out);
	cr_expect(strstr(out, "[identity:tomcat on cucm-pub, inferred]") != NULL, "%s", out);
	cr_expect(strstr(out, "NOT CHECKED (") != NULL, "%s", out);
	cr_expect(strstr(out, "give --role tomcat-trust@cucm-pub=PATH") != NULL, "%s", out);
	free(out);
	free(in);
}

Test(customer, a_multi_server_csr_names_the_node_before_its_ms)
{
	check_scenario("multi-server-csr");
}

Test(customer, an_identity_role_on_ca_certificates_only_goes_to_the_one_that_issued_none)
{
	check_scenario("role-capf-bundle");
}

/* A --role PATH inside an archive that no other argument names: the archive is scanned, and
 * the role reaches the member (nothing else of the archive). */
Test(customer, a_role_on_an_archive_member_scans_its_archive)
{
	char zip[4096], spec[4200];
	char *out = NULL;
	json_t *j;
	json_error_t je;
	size_t i, trust = 0, objects;
	json_t *ob;
	snprintf(zip, sizeof(zip), "%s", src_path("testdata/customer/role-nested-member/input/case 42.zip"));
	snprintf(spec, sizeof(spec), "tomcat-trust=%s!/from CA/signed.tar.gz!/trust/", zip);
	char *argv[] = {"", "scan", "--at", "2026-06-01T00:00:00Z", "--format", "json", "--fail-on", "never",
			"--role", spec, NULL};
	cr_assert_eq(run_binary(argv, &out, NULL), 0);
	j = json_loads(out, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	objects = json_array_size(json_object_get(j, "objects"));
	cr_expect_eq(objects, 4, "the whole archive is read: root, issuing CA, leaf, CSR");
	json_array_foreach(json_object_get(j, "objects"), i, ob) {
		const char *role = json_string_value(json_object_get(ob, "role"));
		if (role && !strcmp(role, "trust:tomcat-trust")) {
			trust++;
			cr_expect_str_eq(json_string_value(json_object_get(ob, "role_source")), "option");
			cr_expect_str_eq(json_string_value(json_object_get(ob, "subject_cn")), "Example Root CA");
		}
	}
	cr_expect_eq(trust, 1, "only the member under trust/ is tomcat-trust");
	json_decref(j);
	free(out);
}
