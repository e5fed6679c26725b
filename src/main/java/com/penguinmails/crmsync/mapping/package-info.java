/**
 * Field maps between PenguinMails contacts/companies and CRM records: which CRM field feeds which PenguinMails field,
 * in which direction, with which conflict policy and transforms (trim, lower-case, E.164 phones, picklist maps,
 * defaults, dates). Defaults per CRM live in {@code jobs/mappings/*.yml}; per-connection overrides in
 * {@code crm_sync.field_mappings}. Mapping a value never throws: problems come back named by field, for the
 * error table.
 */
@NullMarked
package com.penguinmails.crmsync.mapping;

import org.jspecify.annotations.NullMarked;
