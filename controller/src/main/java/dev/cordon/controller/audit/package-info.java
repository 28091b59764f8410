/**
 * The append-only audit log: who did what to which target, when, with what outcome. Entries are
 * written in the same store transaction as the change they record where there is one, so a change
 * never lands without its entry; refusals are appended on their own.
 */
package dev.cordon.controller.audit;
