using k8s.Models;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>A <see cref="V1LabelSelector"/> in query-string form, as sent in <c>labelSelector=</c> and understood by <see cref="SelectorMatcher"/>.</summary>
public static class LabelSelectorText
{
    /// <summary><c>a=b,c in (d,e),f notin (g),h,!i</c>; an empty selector is the empty string (it matches everything).</summary>
    /// <example><code>
    /// string text = LabelSelectorText.Format(budget.Spec.Selector);   // "ray.io/node-type=worker"
    /// </code></example>
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            parts.Add($"{key}={value}");
        }

        foreach (var e in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", e.Values ?? []);
            parts.Add(e.OperatorProperty switch
            {
                "In" => $"{e.Key} in ({values})",
                "NotIn" => $"{e.Key} notin ({values})",
                "Exists" => e.Key,
                "DoesNotExist" => $"!{e.Key}",
                _ => $"{e.Key} {e.OperatorProperty} ({values})",
            });
        }

        return string.Join(",", parts);
    }
}
