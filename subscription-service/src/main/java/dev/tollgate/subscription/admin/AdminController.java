package dev.tollgate.subscription.admin;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.subscription.jobs.LifecycleJob;

/**
 * {@code /api/subscriptions/admin/**}, under the gateway's subscription route: every endpoint needs the
 * role {@code platform_admin} ({@link AdminOnly}); anyone else gets a 403 problem.
 */
@RestController
class AdminController {

    private final AccountAdministration accounts;
    private final AdminAudit audit;
    private final BusinessMetrics metrics;
    private final LifecycleJob job;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;

    AdminController(AccountAdministration accounts, AdminAudit audit, BusinessMetrics metrics, LifecycleJob job, JdbcClient jdbc,
            TransactionTemplate transaction, java.time.Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.metrics = metrics;
        this.job = job;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    record ExtendTrial(Integer days, String reason) {
    }

    record Reason(String reason) {
    }

    record JobRun(long id, String job, String trigger, String triggeredBy, Instant startedAt, Instant finishedAt, String outcome,
            int reminders, int expired, int graceEnded, int grantsEnded, String detail) {
    }

    @GetMapping("/api/subscriptions/admin/accounts")
    AccountAdministration.AccountPage list(CallerIdentity caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) String plan, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page) {
        return accounts.list(status, plan, q, page);
    }

    @GetMapping("/api/subscriptions/admin/accounts/{accountId}")
    AccountAdministration.AccountDetail detail(CallerIdentity caller, @PathVariable String accountId) {
        return accounts.detail(accountId);
    }

    @PostMapping("/api/subscriptions/admin/accounts/{accountId}/trial-extension")
    AccountAdministration.AccountSummary extendTrial(CallerIdentity caller, @PathVariable String accountId,
            @RequestBody ExtendTrial request) {
        if (request.days() == null) {
            throw ApiProblem.badRequest("days is required (1 to 90).");
        }
        return accounts.extendTrial(caller, accountId, request.days(), request.reason());
    }

    @PostMapping("/api/subscriptions/admin/accounts/{accountId}/suspension")
    AccountAdministration.AccountSummary suspend(CallerIdentity caller, @PathVariable String accountId, @RequestBody Reason request) {
        return accounts.suspend(caller, accountId, request.reason());
    }

    @PostMapping("/api/subscriptions/admin/accounts/{accountId}/reactivation")
    AccountAdministration.AccountSummary reactivate(CallerIdentity caller, @PathVariable String accountId,
            @RequestBody Reason request) {
        return accounts.reactivate(caller, accountId, request.reason());
    }

    /** A read-only token to see the account as its users do, for 15 minutes at most (GET and HEAD through the gateway). */
    @PostMapping("/api/subscriptions/admin/accounts/{accountId}/impersonation")
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED)
    AccountAdministration.ImpersonationGrant impersonate(CallerIdentity caller, @PathVariable String accountId,
            @RequestBody Reason request) {
        return accounts.impersonate(caller, accountId, request.reason());
    }

    @GetMapping("/api/subscriptions/admin/audit")
    List<AdminAudit.Entry> audit(CallerIdentity caller, @RequestParam(required = false) String accountId,
            @RequestParam(defaultValue = "0") int page) {
        if (page < 0) {
            throw ApiProblem.badRequest("page starts at 0.");
        }
        return audit.read(accountId, page, 50);
    }

    @GetMapping("/api/subscriptions/admin/metrics")
    BusinessMetrics.Snapshot metrics(CallerIdentity caller) {
        return metrics.refresh();
    }

    @GetMapping("/api/subscriptions/admin/jobs/runs")
    List<JobRun> runs(CallerIdentity caller, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiProblem.badRequest("limit is 1 to 500.");
        }
        return jdbc.sql("""
                SELECT id, job, trigger, triggered_by, started_at, finished_at, outcome, reminders, expired, grace_ended, grants_ended,
                    detail FROM job_run ORDER BY id DESC LIMIT :limit""").param("limit", limit)
                .query((rs, n) -> new JobRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getString(12)))
                .list();
    }

    /** Runs the job now on this replica; 409 while another run holds its lock. */
    @PostMapping("/api/subscriptions/admin/jobs/{name}/runs")
    LifecycleJob.RunResult runJob(CallerIdentity caller, @PathVariable String name, @RequestBody(required = false) Reason request) {
        if (!LifecycleJob.NAME.equals(name)) {
            throw ApiProblem.notFound("No job named " + name + "; the one job is " + LifecycleJob.NAME + ".");
        }
        LifecycleJob.RunResult result = job.runOnOneReplica("manual", caller.userId()).orElseThrow(() -> new ApiProblem(
                HttpStatus.CONFLICT, "Job running", "The job " + name + " is running elsewhere right now (or failed); see its runs."));
        transaction.executeWithoutResult(status -> audit.append(caller.userId(), "job_run", null,
                request == null ? null : request.reason(), clock.instant(), null, result));
        return result;
    }

}
