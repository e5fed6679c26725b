/**
 * The subset of SOQL a sync needs: a lexer, a recursive-descent parser and an evaluator that binds field names and literal types against the object definitions, failing with MALFORMED_QUERY or INVALID_FIELD rather than answering wrongly; and the per-user query cursors behind SOAP {@code queryLocator}s and REST {@code nextRecordsUrl}s.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.soql;

import org.jspecify.annotations.NullMarked;
