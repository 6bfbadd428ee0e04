using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// One direction of an HPA's <c>behavior</c> with every default filled in, as the API server's
/// defaulting (<c>GenerateHPAScaleUpRules</c> / <c>GenerateHPAScaleDownRules</c>) and the controller's
/// <c>--horizontal-pod-autoscaler-downscale-stabilization</c> fill them:
/// scale-up: no stabilization, <c>Max</c> of 4 pods or 100% per 15 s;
/// scale-down: the controller's stabilization window (300 s), <c>Max</c> of 100% per 15 s.
/// </summary>
/// <param name="StabilizationWindow">Recommendations within this window bound the change.</param>
/// <param name="SelectPolicy"><c>Max</c> (the largest change any policy allows), <c>Min</c> or <c>Disabled</c>.</param>
/// <param name="Policies">The rate policies.</param>
public sealed record ScalingRules(TimeSpan StabilizationWindow, string SelectPolicy, IReadOnlyList<ScalingPolicy> Policies)
{
    /// <summary><c>selectPolicy: Max</c>.</summary>
    public const string Max = "Max";

    /// <summary><c>selectPolicy: Min</c>.</summary>
    public const string Min = "Min";

    /// <summary><c>selectPolicy: Disabled</c>.</summary>
    public const string Disabled = "Disabled";

    /// <summary>The scale-up rules with <paramref name="given"/>'s fields where set and the defaults elsewhere.</summary>
    public static ScalingRules ScaleUp(V2HPAScalingRules? given) => From(given, TimeSpan.Zero,
        [ScalingPolicy.Pods(4, 15), ScalingPolicy.Percent(100, 15)]);

    /// <summary>The scale-down rules; an unset window is <paramref name="defaultWindow"/> (the controller's flag, 300 s).</summary>
    public static ScalingRules ScaleDown(V2HPAScalingRules? given, TimeSpan defaultWindow) => From(given, defaultWindow,
        [ScalingPolicy.Percent(100, 15)]);

    /// <summary>The longest policy period (how long scale events must be remembered).</summary>
    public TimeSpan LongestPeriod => Policies.Count == 0 ? TimeSpan.Zero : Policies.Max(p => p.Period);

    private static ScalingRules From(V2HPAScalingRules? given, TimeSpan defaultWindow, IReadOnlyList<ScalingPolicy> defaultPolicies)
    {
        var window = given?.StabilizationWindowSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaultWindow;
        var policies = given?.Policies is { Count: > 0 } list
            ? list.Select(p => new ScalingPolicy(p.Type == "Percent", p.Value, TimeSpan.FromSeconds(p.PeriodSeconds))).ToList()
            : defaultPolicies;
        return new ScalingRules(window, given?.SelectPolicy ?? Max, policies);
    }
}
