/** Tests of the service's CRM change streams against the sandboxes and an embedded PostgreSQL. */
@NullMarked
package com.penguinmails.crmsync.serve.changestream;

import org.jspecify.annotations.NullMarked;
