/**
 * PenguinMails CRM Sync: Spring Batch jobs that keep tenants' CRMs and PenguinMails in step.
 */
@NullMarked
package com.penguinmails.crmsync;

import org.jspecify.annotations.NullMarked;
