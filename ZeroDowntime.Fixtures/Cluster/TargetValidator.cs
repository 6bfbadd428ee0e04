using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// The seed's pre- and post-validation checks, each returning a <see cref="CheckResult"/> with the
/// seed's key (<c>worker_pods</c>, <c>pdbs</c>, <c>nlb</c>, <c>distribution</c>, <c>baseline</c>...).
/// </summary>
public sealed class TargetValidator(IKubernetes client, string @namespace, ZeroDowntimeSettings settings, InferenceRequest request)
{
    private readonly TargetInventory _inventory = new(client, @namespace, settings.Target);

    /// <summary>Runs every pre-validation check once.</summary>
    public async Task<ValidationResult> PreValidateAsync(CancellationToken ct = default)
    {
        var result = new ValidationResult();
        foreach (var role in settings.Target.Roles)
        {
            result.Add(await RoleCountAsync(role, ct).ConfigureAwait(false));
        }

        result.Add(await BudgetsAsync(ct).ConfigureAwait(false));
        var (nlb, latency) = await LoadBalancerAsync(ct).ConfigureAwait(false);
        result.Add(nlb);
        result.Add(await DistributionAsync(settings.Target.Workers, ct).ConfigureAwait(false));
        result.Add(latency is { } l
            ? CheckResult.Pass("baseline", "Baseline inference", "HTTP 200 with generated text", $"{l.TotalMilliseconds:0} ms")
            : CheckResult.Fail("baseline", "Baseline inference", "HTTP 200 with generated text", nlb.Actual));
        result.BaselineLatency = latency;
        return result;
    }

    /// <summary>Exactly the expected number of Ready pods in <paramref name="role"/>.</summary>
    public async Task<CheckResult> RoleCountAsync(RoleSettings role, CancellationToken ct = default)
    {
        var pods = await _inventory.PodsAsync(role, ct).ConfigureAwait(false);
        var ready = pods.Count(PodFacts.IsReady);
        var key = $"{role.Name}_pods";
        var description = $"{role.Name} pods Ready ({role.Selector})";
        var actual = $"{ready}/{pods.Count} Ready";
        return ready == role.ExpectedCount && pods.Count(p => !PodFacts.IsTerminating(p)) == role.ExpectedCount
            ? CheckResult.Pass(key, description, $"{role.ExpectedCount}", actual)
            : CheckResult.Fail(key, description, $"{role.ExpectedCount}", actual);
    }

    /// <summary>Every role that expects a budget has one with the expected minAvailable.</summary>
    public async Task<CheckResult> BudgetsAsync(CancellationToken ct = default)
    {
        var budgets = (await client.ListAllAsync(KubeResources.PodDisruptionBudgets, @namespace, ct: ct).ConfigureAwait(false)).Items;
        var found = new List<string>();
        var problems = new List<string>();
        foreach (var role in settings.Target.Roles.Where(r => r.PdbMinAvailable is not null))
        {
            var pods = await _inventory.PodsAsync(role, ct).ConfigureAwait(false);
            var budget = role.PdbName is { } name
                ? budgets.FirstOrDefault(b => b.Metadata.Name == name)
                : budgets.FirstOrDefault(b => b.Spec?.Selector is { } s && pods.Count > 0 && pods.All(p => SelectorMatcher.Matches(LabelSelectorText.Format(s), p.Metadata.Labels)));
            var min = budget?.Spec?.MinAvailable?.Value;
            if (budget is null)
            {
                problems.Add($"no budget for {role.Name}");
            }
            else if (min != role.PdbMinAvailable!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                problems.Add($"{budget.Metadata.Name} minAvailable {min ?? "unset"}, expected {role.PdbMinAvailable}");
            }
            else
            {
                found.Add($"{budget.Metadata.Name} minAvailable {min}");
            }
        }

        var expected = string.Join(", ", settings.Target.Roles.Where(r => r.PdbMinAvailable is not null).Select(r => $"{r.Name} minAvailable {r.PdbMinAvailable}"));
        return problems.Count == 0
            ? CheckResult.Pass("pdbs", "PodDisruptionBudgets", expected, string.Join(", ", found))
            : CheckResult.Fail("pdbs", "PodDisruptionBudgets", expected, string.Join("; ", problems));
    }

    /// <summary>The load balancer has an address and answers one inference request; returns its latency when it did.</summary>
    public async Task<(CheckResult Check, TimeSpan? Latency)> LoadBalancerAsync(CancellationToken ct = default)
    {
        var attempt = (await InferenceCheck.SendAsync(request, 1, settings.Timing.InferenceTimeout, ct).ConfigureAwait(false))[0];
        var description = $"Load balancer {request.Uri.GetLeftPart(UriPartial.Authority)} answers";
        return attempt.Succeeded
            ? (CheckResult.Pass("nlb", description, "an answer", InferenceCheck.Describe(attempt)), attempt.Latency)
            : (CheckResult.Fail("nlb", description, "an answer", InferenceCheck.Describe(attempt)), null);
    }

    /// <summary>Every pod of <paramref name="role"/> on its own node.</summary>
    public async Task<CheckResult> DistributionAsync(RoleSettings role, CancellationToken ct = default)
    {
        var pods = (await _inventory.PodsAsync(role, ct).ConfigureAwait(false)).Where(p => !PodFacts.IsTerminating(p)).ToList();
        var nodes = pods.Select(PodFacts.NodeOf).Distinct().Count();
        var description = $"{role.Name} pods on distinct nodes";
        var actual = $"{pods.Count} pods on {nodes} node(s): {string.Join(", ", pods.Select(PodFacts.Describe))}";
        return nodes == pods.Count && pods.Count > 0
            ? CheckResult.Pass("distribution", description, $"{pods.Count} nodes", actual)
            : CheckResult.Fail("distribution", description, $"{pods.Count} nodes", actual);
    }

    /// <summary>Post-validation: exact Ready counts, then N sequential inference requests at the required success rate.</summary>
    public async Task<ValidationResult> PostValidateAsync(CancellationToken ct = default)
    {
        var result = new ValidationResult();
        foreach (var role in settings.Target.Roles)
        {
            result.Add(await RoleCountAsync(role, ct).ConfigureAwait(false));
        }

        result.Add(await InferenceRequestsAsync(ct).ConfigureAwait(false));
        return result;
    }

    /// <summary>N sequential inference requests (post-validation) at least at the configured success rate.</summary>
    public async Task<CheckResult> InferenceRequestsAsync(CancellationToken ct = default)
    {
        var timing = settings.Timing.PostValidation;
        var attempts = await InferenceCheck.SendAsync(request, timing.Requests, settings.Timing.InferenceTimeout, ct).ConfigureAwait(false);
        var ok = attempts.Count(a => a.Succeeded);
        var percent = 100.0 * ok / attempts.Count;
        var failures = attempts.Where(a => !a.Succeeded).Select(InferenceCheck.Describe).Distinct().Take(3).ToList();
        var actual = $"{percent:0.#}% ({ok} of {attempts.Count})" + (failures.Count > 0 ? $"; failures: {string.Join("; ", failures)}" : "");
        var expected = $"at least {timing.SuccessRateAtLeastPercent:0.#}% of {timing.Requests}";
        return percent >= timing.SuccessRateAtLeastPercent
            ? CheckResult.Pass("inference", "Sequential inference requests", expected, actual)
            : CheckResult.Fail("inference", "Sequential inference requests", expected, actual);
    }
}
