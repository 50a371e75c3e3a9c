/**
 * The subscription lifecycle as pure domain logic, free of Spring and SQL: given what we knew
 * and the new state billing reports, which lifecycle events happened (trial started,
 * activated, past due, paused, canceled, plan changed), and whether the report is too old to
 * apply at all.
 */
package dev.tollgate.subscription.lifecycle;
