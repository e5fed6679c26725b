/**
 * The {@code contact-sync} job: per CRM connection, CRM changes into PenguinMails companies and contacts (inbound),
 * then PenguinMails changes into the CRM (outbound), with field maps, three-way merges, sticky consent and dead letters.
 *
 * <p>Inbound reads companies before people, so a person's company reference (Salesforce {@code AccountId}, HubSpot
 * {@code associatedcompanyid}, Pipedrive {@code org_id}) resolves through the company's record link to
 * {@code contacts.company_id}. Every imported contact is on its connection's static list; each tag is a segment list
 * ({@code segment_rule={"tag": ...}}) whose members are exactly the contacts carrying it.
 *
 * <p>Deletes, the rules:
 * <ul>
 *   <li>A CRM delete closes the link and removes the contact from the connection's list; the contact is soft-deleted
 *       ({@code deleted_at}; engagement events stay) only when no live link of any connection is left.</li>
 *   <li>A CRM merge closes the loser's link with the survivor's id; when the survivor is another PenguinMails contact,
 *       the loser's list memberships move to it (audited as {@code crm_merged}) and the loser is soft-deleted under
 *       the same rule.</li>
 *   <li>A CRM company delete closes its link; the company row is soft-deleted when nothing links it and stays for the
 *       contacts that still point at it until the CRM changes them. A company merge moves its contacts to the
 *       survivor's company.</li>
 *   <li>A contact (or company) deleted in PenguinMails is not undeleted by an inbound change, however new: the record
 *       is skipped and counted ({@code skippedDeletedInPenguinMails} in the audit, {@code skip (deleted in
 *       penguinmails)} in a dry run), and the outbound step never reads it.</li>
 * </ul>
 *
 * <p>Outbound reads what the database captured ({@code crm_sync.contact_changes}, marked by V7's triggers on
 * {@code penguinmails.contacts} and {@code companies} and by explicit marks) in commit order: each partition fixes an
 * {@link com.penguinmails.crmsync.job.contactpush.OutboundRange} (a snapshot's xmin and xmax) when it starts and moves
 * its watermark only to the xmin, so a mark committed late is read by the next run. The inbound writer declares its
 * transaction an echo of its connection, whose outbound step then skips those marks.
 * The outbound path (reader, range, writer, watermark) is {@code job.contactpush}'s, which lead-score's score push
 * shares; this package holds the inbound readers and writers and wires both steps.
 *
 * <p>Real time: {@link com.penguinmails.crmsync.job.contactsync.RealtimeInbound} applies a connection's CRM change
 * notices between runs with the inbound step's own writer ({@code InboundChangeWriter.of}) and safety net, reading the
 * records they name by id ({@code NoticeRecords}); it moves no watermark, so the next run still converges whatever
 * the notices missed.
 */
@NullMarked
package com.penguinmails.crmsync.job.contactsync;

import org.jspecify.annotations.NullMarked;
