/**
 * {@code crm-sync serve}: the long-running service that receives CRM webhooks and change streams and applies them per
 * connection in seconds, beside the hourly CronJobs. Its parts live in sub-packages.
 */
@NullMarked
package com.penguinmails.crmsync.serve;

import org.jspecify.annotations.NullMarked;
