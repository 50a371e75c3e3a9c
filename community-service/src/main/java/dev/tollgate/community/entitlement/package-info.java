/**
 * Community access as entitlement-service last granted it (feature {@code community_access}): the
 * projection, the gate every community action passes ({@link dev.tollgate.community.entitlement.CommunityAccessGate}),
 * and the hook ({@link dev.tollgate.community.entitlement.AccessChanges}) through which memberships
 * are suspended and restored when access turns off and on.
 */
package dev.tollgate.community.entitlement;
