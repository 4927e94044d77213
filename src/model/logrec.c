/* logrec.c - log records of the model (model/logrec.h): what one record owns. */
#include <stdlib.h>
#include <string.h>
#include "model/logrec.h"

void cd_log_record_release(struct cd_log_record *r)
{
	free(r->signature);
	free(r->rule);
	free(r->product);
	free(r->title);
	free(r->product_message);
	free(r->diagnosis);
	free(r->remedy);
	free(r->host);
	free(r->address);
	free(r->subject);
	for (size_t i = 0; i < r->n_fields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].value);
	}
	free(r->fields);
	free(r->first_seen);
	free(r->last_seen);
	for (size_t i = 0; i < r->n_examples; i++) {
		free(r->examples[i].path);
		free(r->examples[i].rel);
		free(r->examples[i].text);
	}
	memset(r, 0, sizeof(*r));
}
