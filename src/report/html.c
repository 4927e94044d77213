/* html.c - one self-contained HTML file a customer can open offline and print (HTML Living
 * Standard; SVG 1.1 inline): inline CSS, no script, no font or image fetched; summary and
 * verdict first, the inventory, findings by severity with evidence, product message and remedy,
 * every chain drawn as SVG (trust anchor and missing issuers marked), the TLS connections of
 * captures, log findings with their example lines. */
#include <stdlib.h>
#include <string.h>
#include "pcap/tls.h"
#include "report/common.h"
#include "util/error.h"

static void esc(FILE *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, out);
		}
}

/* at most max bytes of s, escaped, with "..." when cut (never inside a UTF-8 sequence) */
static void esc_cut(FILE *out, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		esc(out, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	{
		char *t = strndup(s, max);
		esc(out, t ? t : "");
		free(t);
	}
	fputs("...", out);
}

static const char CSS[] =
	":root{--err:#b00020;--warn:#8a5a00;--info:#0b5c8a;--ok:#1b6e20;--line:#d0d4da;--bg:#f6f7f9}"
	"*{box-sizing:border-box}"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
	"font-size:15px;line-height:1.45;color:#1d2125;margin:0 auto;max-width:1200px;padding:24px}"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:2px solid var(--line);"
	"padding-bottom:4px;margin-top:32px}h3{font-size:17px;margin:20px 0 8px}"
	"h4{font-size:15px;margin:0 0 6px}"
	".meta{color:#555;margin:0}"
	".verdict{border:2px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0;background:var(--bg)}"
	".verdict.bad{border-color:var(--err)}.verdict.good{border-color:var(--ok)}.verdict.warn{border-color:var(--warn)}"
	".verdict strong{font-size:18px}"
	".counts span{display:inline-block;margin-right:16px;font-weight:600}"
	".c-error{color:var(--err)}.c-warning{color:var(--warn)}.c-info{color:var(--info)}"
	"table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}"
	"th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere}th{background:var(--bg)}"
	".rule{border-left:5px solid var(--line);padding:4px 0 4px 14px;margin:14px 0}"
	".rule.sev-error{border-color:var(--err)}.rule.sev-warning{border-color:var(--warn)}"
	".rule.sev-info{border-color:var(--info)}"
	".finding{border:1px solid var(--line);border-radius:4px;padding:8px 10px;margin:8px 0;background:#fff}"
	".finding .message{font-weight:600;margin:0 0 4px}"
	"pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:12.5px;background:var(--bg);"
	"padding:6px 8px;margin:4px 0;border-radius:3px}"
	".why,.fix,.says{margin:4px 0}.label{font-weight:600}"
	"figure{margin:10px 0;border:1px solid var(--line);border-radius:4px;padding:8px;break-inside:avoid}"
	"figcaption{font-size:13px;margin-bottom:4px}"
	"svg{max-width:100%;height:auto}"
	"code{font-size:12.5px}"
	"@media print{body{max-width:none;padding:0;font-size:10.5pt}h2{break-after:avoid}"
	".finding,figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}";

static void counts(FILE *out, const struct cd_doc *d)
{
	size_t sev[3];
	cd_doc_counts(d, sev);
	fprintf(out, "<p class=\"counts\"><span class=\"c-error\">%zu error%s</span><span class=\"c-warning\">%zu warning%s</span>"
		     "<span class=\"c-info\">%zu info</span><span>exit %d</span></p>\n",
		sev[CD_SEV_ERROR], sev[CD_SEV_ERROR] == 1 ? "" : "s", sev[CD_SEV_WARNING], sev[CD_SEV_WARNING] == 1 ? "" : "s",
		sev[CD_SEV_INFO], d->exit_code);
}

static void summary(FILE *out, const struct cd_doc *d)
{
	const struct cd_model *m = d->model;
	fprintf(out, "<section id=\"summary\">\n");
	if (d->precheck) {
		const struct cd_precheck *p = d->precheck;
		static const char *const V[] = {"ACCEPT", "ACCEPT WITH ERRORS", "REJECT", "UNKNOWN"};
		fprintf(out, "<div class=\"verdict %s\" id=\"verdict\"><strong>Verdict: %s</strong> - %s %s, purpose ",
			p->verdict == CD_VERDICT_ACCEPT ? "good" : "bad", V[p->verdict], p->product,
			p->version.valid ? p->version.text : "");
		esc(out, p->purpose);
		if (p->upload != SIZE_MAX) {
			fputs("<br>certificate: ", out);
			esc(out, cd_object_label(m->objects[p->upload]));
			fprintf(out, " (<code>%s</code>)", m->objects[p->upload]->id);
		}
		if (p->verdict == CD_VERDICT_REJECT) {
			fprintf(out, "<br>fails at step %zu (<code>%s</code>)", p->blocking_step + 1, p->steps[p->blocking_step].rule);
			if (p->product_message) {
				fputs("<p class=\"says\"><span class=\"label\">Product says:</span> &ldquo;", out);
				esc(out, p->product_message);
				fputs("&rdquo;</p>", out);
			}
			if (p->message) {
				fputs("<p>", out);
				esc(out, p->message);
				fputs("</p>", out);
			}
			if (p->remedy) {
				fputs("<p class=\"fix\"><span class=\"label\">Remedy:</span> ", out);
				esc(out, p->remedy);
				fputs("</p>", out);
			}
		} else if (p->verdict == CD_VERDICT_ACCEPT_WITH_ERRORS) {
			fprintf(out, "<p>The product would accept this upload, but %zu error%s about it break%s a service (below).</p>",
				p->errors_about_upload, p->errors_about_upload == 1 ? "" : "s", p->errors_about_upload == 1 ? "s" : "");
		} else if (p->verdict == CD_VERDICT_ACCEPT) {
			if (p->accepted) {
				fputs("<p class=\"says\"><span class=\"label\">Product says:</span> &ldquo;", out);
				esc(out, p->accepted);
				fputs("&rdquo;</p>", out);
			}
			if (p->restart) {
				fputs("<p><span class=\"label\">Then restart:</span> ", out);
				esc(out, p->restart);
				fputs("</p>", out);
			}
		}
		fputs("</div>\n<table><tr><th>#</th><th>check, in the product's order</th><th>result</th></tr>\n", out);
		for (size_t k = 0; k < p->n_steps; k++) {
			static const char *const R[] = {"not run", "n/a", "pass", "FAIL", "not checked"};
			const struct cd_precheck_step *s = &p->steps[k];
			fprintf(out, "<tr><td>%zu</td><td><code>%s</code></td><td>%s%s</td></tr>\n", k + 1, s->rule, R[s->result + 1],
				s->result == CD_STEP_FAIL ? (s->blocking ? " (blocks the upload)" : " (accepted)") : "");
		}
		fputs("</table>\n", out);
	} else if (d->compare) {
		const struct cd_compare *c = d->compare;
		fprintf(out, "<div class=\"verdict %s\" id=\"verdict\"><strong>Verdict: %s</strong></div>\n",
			c->breaking ? "bad" : "good",
			c->breaking ? "BREAKING - the new certificate cannot replace the old one as it is"
				    : "COMPATIBLE - the new certificate can replace the old one");
		fputs("<table><tr><th>field</th><th>old</th><th>new</th><th>note</th></tr>\n", out);
		for (size_t i = 0; i < c->n; i++) {
			const struct cd_change *ch = &c->ch[i];
			fprintf(out, "<tr><td>%s%s</td><td>", ch->field, !ch->changed ? " (same)" : ch->breaking ? " (BREAKS PEERS)" : " (changed)");
			esc(out, ch->old_);
			fputs("</td><td>", out);
			esc(out, ch->new_);
			fputs("</td><td>", out);
			esc(out, ch->note);
			fputs("</td></tr>\n", out);
		}
		fputs("</table>\n", out);
	} else if (d->verify) {
		fprintf(out, "<div class=\"verdict %s\" id=\"verdict\"><strong>Verdict: %s</strong></div>\n",
			d->verify->paths[0].valid ? "good" : "bad", d->verify->paths[0].valid ? "OK - a valid path exists" : "FAILED - no valid path");
		for (size_t k = 0; d->chains && k < d->chains->n_stores; k++) {
			char note[600];
			if (cd_store_empty_note(d->chains, (int)k, note, sizeof(note))) {
				fputs("<p class=\"note\">Note: ", out);
				esc(out, note);
				fputs("</p>\n", out);
			}
		}
	} else {
		size_t sev[3];
		cd_doc_counts(d, sev);
		fprintf(out, "<div class=\"verdict %s\" id=\"verdict\"><strong>%s</strong>",
			sev[CD_SEV_ERROR] ? "bad" : sev[CD_SEV_WARNING] ? "warn" : "good",
			sev[CD_SEV_ERROR] ? "Errors found: uploads or connections will fail"
			: sev[CD_SEV_WARNING] ? "Warnings: it works, but something will break or is at risk"
					      : "No errors or warnings");
		counts(out, d);
		fputs("</div>\n", out);
	}
	if (d->report && (d->precheck || d->compare))
		counts(out, d);
	fprintf(out, "<p class=\"meta\">%lu file%s, %zu object%s, %zu chain%s, %zu TLS connection%s</p>\n</section>\n",
		m->stats.files, m->stats.files == 1 ? "" : "s", m->n_objects, m->n_objects == 1 ? "" : "s",
		d->chains ? d->chains->n_chains : 0, d->chains && d->chains->n_chains == 1 ? "" : "s", m->n_conns,
		m->n_conns == 1 ? "" : "s");
}

static void inventory(FILE *out, const struct cd_doc *d)
{
	struct cd_inv_row *rows;
	size_t n;
	fputs("<section id=\"inventory\">\n<h2>Inventory</h2>\n", out);
	if (cd_inventory(d, &rows, &n) < 0 || !n) {
		fputs("<p>No certificates.</p>\n</section>\n", out);
		return;
	}
	fputs("<table><tr><th>node</th><th>store or role</th><th>subject</th><th>issuer</th><th>key</th>"
	      "<th>not after</th><th>chain status</th></tr>\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct cd_object *o = d->model->objects[rows[i].object];
		const struct cd_cert *c = o->u.cert;
		char na[40];
		cd_time_format(c->not_after, na, sizeof(na));
		fputs("<tr><td>", out);
		esc(out, rows[i].node[0] ? rows[i].node : "-");
		fputs("</td><td>", out);
		esc(out, rows[i].place);
		fputs("</td><td>", out);
		esc(out, c->subject.display);
		fprintf(out, "<br><code>%s</code></td><td>", o->id);
		esc(out, c->issuer.display);
		fputs("</td><td>", out);
		if (c->key.known)
			fprintf(out, "%s %u", c->key.algo_name, c->key.bits);
		else
			fputs("unknown", out);
		fprintf(out, "</td><td>%.10s</td><td class=\"st-%s\">", na, rows[i].status_key);
		esc(out, rows[i].status);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n</section>\n", out);
	free(rows);
}

/* the evidence lines, as the text report writes them */
static void evidence(FILE *out, const struct cd_finding *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return;
	cd_text_evidence(m, f, "", 50, 0);
	fclose(m);
	if (len) {
		fputs("<pre class=\"evidence\">", out);
		esc(out, buf);
		fputs("</pre>", out);
	}
	free(buf);
}

static void findings(FILE *out, const struct cd_doc *d)
{
	static const char *const names[] = {"Info", "Warnings", "Errors"}, *const keys[] = {"info", "warning", "error"};
	const struct cd_report *r = d->report;
	size_t sev[3], no = 0;
	cd_doc_counts(d, sev);
	fputs("<section id=\"findings\">\n<h2>Findings</h2>\n", out);
	if (!r->n_findings)
		fputs("<p>No findings.</p>\n", out);
	for (int sv = CD_SEV_ERROR; sv >= CD_SEV_INFO; sv--) {
		if (!sev[sv])
			continue;
		fprintf(out, "<h3 class=\"c-%s\">%s (%zu)</h3>\n", keys[sv], names[sv], sev[sv]);
		for (size_t i = 0; i < r->n_findings;) {
			const struct cd_rule *rule = r->findings[i].rule;
			size_t j = i;
			if ((int)rule->severity != sv) {
				i++;
				continue;
			}
			while (j < r->n_findings && r->findings[j].rule == rule)
				j++;
			fprintf(out, "<div class=\"rule sev-%s\" id=\"rule-%s\">\n<h4><code>%s</code> ", keys[sv], rule->id, rule->id);
			esc(out, rule->title);
			fprintf(out, " (%zu)</h4>\n<p class=\"why\"><span class=\"label\">Why:</span> ", j - i);
			esc(out, rule->explanation);
			fputs("</p>\n<p class=\"fix\"><span class=\"label\">Remedy:</span> ", out);
			esc(out, rule->remediation);
			fputs("</p>\n", out);
			for (size_t k = i; k < j; k++) {
				const struct cd_finding *f = &r->findings[k];
				const char *pm = json_string_value(json_object_get(f->evidence, "product_message"));
				fprintf(out, "<div class=\"finding\" id=\"finding-%zu\" data-rule=\"%s\" data-severity=\"%s\">\n"
					     "<p class=\"message\">", ++no, rule->id, keys[sv]);
				esc(out, f->message);
				fputs("</p>\n", out);
				if (pm || rule->product_message) {
					fputs("<p class=\"says\"><span class=\"label\">Product says:</span> &ldquo;", out);
					esc(out, pm ? pm : rule->product_message);
					fputs("&rdquo;</p>\n", out);
				}
				evidence(out, f);
				if (f->path) {
					fputs("<p class=\"where\"><span class=\"label\">Where:</span> ", out);
					esc(out, f->path);
					if (f->pem_block)
						fprintf(out, ", PEM block %lu", f->pem_block);
					if (f->has_offset)
						fprintf(out, ", offset %llu", (unsigned long long)f->offset);
					fputs("</p>\n", out);
				}
				if (f->n_objects) {
					fputs("<p class=\"objects\"><span class=\"label\">Objects:</span> ", out);
					for (size_t o = 0; o < f->n_objects && o < 20; o++) {
						fprintf(out, "%s<code>%s</code> ", o ? ", " : "", d->model->objects[f->objects[o]]->id);
						esc(out, cd_object_label(d->model->objects[f->objects[o]]));
					}
					if (f->n_objects > 20)
						fprintf(out, " and %zu more (in the JSON report)", f->n_objects - 20);
					fputs("</p>\n", out);
				}
				fputs("</div>\n", out);
			}
			fputs("</div>\n", out);
			i = j;
		}
	}
	fputs("</section>\n", out);
}

/* One chain as SVG: the leaf on top, each issuer below it, the anchor (green) or the missing
 * issuer (dashed red) at the bottom. */
static void chain_svg(FILE *out, const struct cd_doc *d, const struct cd_chain *ch, size_t no)
{
	const struct cd_model *m = d->model;
	const struct cd_path *p = &ch->paths[0];
	int missing = (p->problems & (CD_P_INCOMPLETE | CD_P_UNANCHORED)) != 0;
	size_t boxes = p->n + (size_t)missing;
	const int W = 640, H = 46, GAP = 26;
	char st[160];
	cd_store_label(d->chains, p->store, st, sizeof(st));
	fprintf(out, "<figure class=\"chain %s\" id=\"chain-%zu\">\n<figcaption><strong>%s</strong> ", cd_path_verdict(p),
		no, p->valid ? "valid" : p->problems == CD_P_UNANCHORED ? "NOT ANCHORED" : "INVALID");
	esc(out, cd_object_label(m->objects[ch->leaf]));
	if (p->store != CD_STORE_NONE) {
		fputs(", anchored by ", out);
		esc(out, st);
	}
	for (size_t i = 0; i < p->n_issues; i++) {
		fprintf(out, "<br>%s: ", cd_problem_name(p->issues[i].problem));
		esc(out, p->issues[i].detail);
	}
	fprintf(out, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" viewBox=\"0 0 %d %zu\" "
		     "role=\"img\" aria-label=\"certificate chain\" font-family=\"system-ui,Arial,sans-serif\" font-size=\"13\">\n",
		W + 20, boxes * (H + GAP), W + 20, boxes * (H + GAP));
	for (size_t i = 0; i < boxes; i++) {
		int y = (int)(i * (H + GAP)) + 4;
		int is_missing = missing && i == p->n;
		int anchor = !is_missing && i == p->n - 1 && p->store != CD_STORE_NONE;
		const char *stroke = is_missing ? "#b00020" : anchor ? "#1b6e20" : "#5f6b7a";
		if (i > 0)
			fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
				     "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"%s\"/>\n",
				W / 2 + 10, y - GAP, W / 2 + 10, y - 6, stroke, is_missing ? " stroke-dasharray=\"5,4\"" : "", W / 2 + 4,
				y - 8, W / 2 + 16, y - 8, W / 2 + 10, y, stroke);
		fprintf(out, "<rect x=\"10\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n",
			y, W, H, is_missing ? "#fff5f5" : anchor ? "#f1f9f1" : "#ffffff", stroke, anchor || is_missing ? "2.5" : "1.5",
			is_missing ? " stroke-dasharray=\"6,4\"" : "");
		fprintf(out, "<text x=\"20\" y=\"%d\" font-weight=\"600\">", y + 19);
		if (is_missing) {
			const struct cd_cert *top = m->objects[p->certs[p->n - 1]]->u.cert;
			fputs("missing issuer: ", out);
			esc_cut(out, top->issuer.display, 70);
			fprintf(out, "</text>\n<text x=\"20\" y=\"%d\" fill=\"#b00020\">not in the input", y + 37);
			if (top->aki_len) {
				fputs(" - key id ", out);
				for (size_t k = 0; k < top->aki_len && k < 20; k++)
					fprintf(out, "%s%02x", k ? ":" : "", top->aki[k]);
			}
		} else {
			const struct cd_object *o = m->objects[p->certs[i]];
			esc_cut(out, cd_object_label(o), 60);
			fprintf(out, "%s</text>\n<text x=\"20\" y=\"%d\" fill=\"#555\">%s", anchor ? " - trust anchor" : "", y + 37, o->id);
			if (anchor) {
				fputs(" in ", out);
				esc_cut(out, st, 50);
			} else if (i == p->n - 1 && o->u.cert->self_signed) {
				fputs(" - self-signed, not trusted", out);
			}
		}
		fputs("</text>\n", out);
	}
	fputs("</svg>\n</figure>\n", out);
}

static void chains(FILE *out, const struct cd_doc *d)
{
	const struct cd_chains *c = d->chains;
	if (d->verify) {
		fputs("<section id=\"chains\">\n<h2>Chain</h2>\n", out);
		chain_svg(out, d, d->verify, 1);
		fputs("</section>\n", out);
		return;
	}
	if (!c || !c->n_chains)
		return;
	fprintf(out, "<section id=\"chains\">\n<h2>Chains (%zu)</h2>\n", c->n_chains);
	for (int pass = 0; pass < 3; pass++) /* invalid first, then not anchored, then valid */
		for (size_t i = 0; i < c->n_chains; i++)
			if (!strcmp(cd_path_verdict(&c->chains[i].paths[0]),
				    pass == 0 ? "invalid" : pass == 1 ? "not-anchored" : "valid"))
				chain_svg(out, d, &c->chains[i], i + 1);
	fputs("</section>\n", out);
}

static void connections(FILE *out, const struct cd_doc *d)
{
	const struct cd_model *m = d->model;
	if (!m->n_conns)
		return;
	fprintf(out, "<section id=\"connections\">\n<h2>TLS connections (%zu)</h2>\n<table><tr><th>client</th><th>server</th>"
		     "<th>SNI</th><th>version, cipher</th><th>certificates</th><th>alerts</th><th>verdict</th></tr>\n",
		m->n_conns);
	for (size_t i = 0; i < m->n_conns; i++) {
		const struct cd_tls_conn *k = &m->conns[i];
		char cs[96] = "";
		if (k->cipher_known)
			cd_cipher_suite_text(k->cipher, cs, sizeof(cs));
		fputs("<tr><td>", out);
		esc(out, k->client);
		fputs("</td><td>", out);
		esc(out, k->server);
		fprintf(out, "<br>frames %llu-%llu</td><td>", (unsigned long long)k->first_frame, (unsigned long long)k->last_frame);
		esc(out, k->sni ? k->sni : "(none)");
		fputs("</td><td>", out);
		esc(out, k->server_version ? cd_tls_version_name(k->server_version) : "(no ServerHello)");
		fputs("<br>", out);
		esc(out, cs);
		fputs("</td><td>", out);
		for (int side = CD_TLS_SERVER; side >= CD_TLS_CLIENT; side--)
			for (size_t j = 0; j < k->n_certs[side]; j++) {
				fprintf(out, "%s %zu: ", side == CD_TLS_SERVER ? "server" : "client", j + 1);
				esc_cut(out, cd_object_label(m->objects[k->certs[side][j]]), 60);
				fputs("<br>", out);
			}
		fputs("</td><td>", out);
		for (size_t j = 0; j < k->n_alerts; j++)
			fprintf(out, "%s %s, frame %llu<br>", k->alerts[j].from == CD_TLS_SERVER ? "server" : "client",
				k->alerts[j].encrypted ? "encrypted" : cd_tls_alert_name(k->alerts[j].desc),
				(unsigned long long)k->alerts[j].frame);
		fputs("</td><td>", out);
		esc(out, k->verdict);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n</section>\n", out);
}

/* log findings again, as a table of their example lines */
static void logs(FILE *out, const struct cd_doc *d)
{
	const struct cd_report *r = d->report;
	int any = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct cd_finding *f = &r->findings[i];
		const json_t *ex = json_object_get(f->evidence, "examples"), *e;
		size_t k;
		if (!json_array_size(ex))
			continue;
		if (!any++)
			fputs("<section id=\"logs\">\n<h2>Log findings</h2>\n<table><tr><th>finding</th><th>file:line</th>"
			      "<th>example line</th></tr>\n", out);
		json_array_foreach(ex, k, e) {
			fprintf(out, "<tr><td><code>%s</code> ", f->rule->id);
			if (!k)
				esc(out, f->message);
			fputs("</td><td>", out);
			esc(out, json_string_value(json_object_get(e, "file")));
			fprintf(out, ":%lld</td><td><code>", (long long)json_integer_value(json_object_get(e, "line")));
			esc(out, json_string_value(json_object_get(e, "text")));
			fputs("</code></td></tr>\n", out);
		}
	}
	if (any)
		fputs("</table>\n</section>\n", out);
}

static int write_html(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	char at[40];
	(void)o;
	cd_time_format(d->at, at, sizeof(at));
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>certdiag ", out);
	fputs(d->command, out);
	fputs(" report</title>\n<style>", out);
	fputs(CSS, out);
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>certdiag ", out);
	fputs(d->command, out);
	fprintf(out, " report</h1>\n<p class=\"meta\">certdiag %s, evaluated at %s; input: ", CD_VERSION, at);
	for (size_t i = 0; i < d->n_inputs && i < 10; i++) {
		if (i)
			fputs(", ", out);
		esc(out, d->inputs[i]);
	}
	if (d->n_inputs > 10)
		fprintf(out, " and %zu more", d->n_inputs - 10);
	fputs("</p>\n</header>\n<main>\n", out);
	summary(out, d);
	inventory(out, d);
	if (d->report)
		findings(out, d);
	chains(out, d);
	connections(out, d);
	if (d->report)
		logs(out, d);
	fputs("</main>\n<footer><p class=\"meta\">Written by certdiag offline; nothing in this file is fetched from the "
	      "network. The JSON report (--format json) holds every detail.</p></footer>\n</body>\n</html>\n", out);
	return ferror(out) ? CD_E_IO : CD_OK;
}

const struct cd_writer cd_writer_html = {
	"html", (1u << CD_DOC_SCAN) | (1u << CD_DOC_PRECHECK) | (1u << CD_DOC_COMPARE) | (1u << CD_DOC_VERIFY), 1,
	write_html};
