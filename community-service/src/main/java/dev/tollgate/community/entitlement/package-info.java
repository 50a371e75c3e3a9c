/** Community access as entitlement-service last granted it (feature {@code community_access}). */
package dev.tollgate.community.entitlement;
