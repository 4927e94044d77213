/* conn.c - TLS connection records of the model (model/conn.h): what one record owns. */
#include <stdlib.h>
#include "model/conn.h"

void cd_tls_conn_release(struct cd_tls_conn *c)
{
	free(c->path);
	free(c->rel);
	free(c->sni);
	free(c->secrets_from);
	free(c->certs[0]);
	free(c->certs[1]);
	for (size_t j = 0; j < c->n_ca_names; j++)
		free(c->ca_names[j]);
	free(c->ca_names);
	free(c->ca_name_lens);
	free(c->alerts);
}
