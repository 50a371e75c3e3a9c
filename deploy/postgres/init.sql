-- One database per service, as in the local run.
CREATE DATABASE tollgate_billing;
CREATE DATABASE tollgate_subscription;
CREATE DATABASE tollgate_entitlement;
CREATE DATABASE tollgate_community;
CREATE DATABASE tollgate_ticket;
CREATE DATABASE tollgate_notification;
CREATE DATABASE tollgate_gateway;
