/**
 * Every merge decision of the sync, as plain logic without I/O: what a changed CRM contact or company means for its
 * PenguinMails record ({@link com.penguinmails.crmsync.conflict.InboundContactMerge},
 * {@link com.penguinmails.crmsync.conflict.InboundCompanyMerge}, giving an
 * {@link com.penguinmails.crmsync.conflict.InboundDecision}: the values PenguinMails takes, the field hashes the link
 * keeps, the conflicts to audit, whether the CRM must hear of a value PenguinMails won, the problems) and what a
 * changed PenguinMails contact must write to its CRM record
 * ({@link com.penguinmails.crmsync.conflict.OutboundContactMerge}), and which contact and company a CRM person is
 * ({@link com.penguinmails.crmsync.conflict.ContactIdentity}: the addresses it can be matched by, the address a linked
 * contact keeps). A job makes one call per record and writes what the decision says.
 *
 * <p>Inside, package-private, the field-level rules: three-way merge against the hash of the value last synced
 * ({@code ThreeWayMerge}; where the CRM holds it otherwise, cut or normalised, against the hash of what the CRM holds:
 * {@code FieldBases}, with a pending echo for a record just created), per-field policies (CRM_WINS,
 * PENGUINMAILS_WINS, NEWEST_WINS, ties to the CRM), sticky consent where the stricter side wins ({@code ConsentRules})
 * and echo suppression. {@link com.penguinmails.crmsync.conflict.ValueHash} is public: it is the fingerprint
 * {@code crm_sync.record_links.field_hashes} stores, which engagement-sync also uses for its activities.
 *
 * <p>{@code conflict} depends on {@code core} and {@code mapping} only ({@code ArchitectureTest}); field maps are
 * applied here, so a decision starts from the CRM's raw values.
 */
@NullMarked
package com.penguinmails.crmsync.conflict;

import org.jspecify.annotations.NullMarked;
