/**
 * Deciding what a synced field becomes when both sides may have changed it: three-way merge against the hash of the
 * value last synced (and, where the CRM holds it otherwise, cut or normalised, the hash of what the CRM holds:
 * {@link com.penguinmails.crmsync.conflict.FieldBases}), per-field policies, sticky consent where the stricter side
 * wins, and echo suppression.
 */
@NullMarked
package com.penguinmails.crmsync.conflict;

import org.jspecify.annotations.NullMarked;
