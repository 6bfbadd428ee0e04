using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// A parsed label selector: equality (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>) and set-based
/// (<c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>) requirements, all of which must hold.
/// </summary>
/// <example><code>LabelSelectorMatcher.Parse("app=web,tier notin (db)").Matches(labels)</code></example>
public sealed partial class LabelSelectorMatcher
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelectorMatcher(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelectorMatcher Everything { get; } = new([]);

    /// <summary>True when the selector has no requirements.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Parses the query-string form; throws a 400 <see cref="ApiException"/> on bad syntax.</summary>
    public static LabelSelectorMatcher Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim()));
        }

        return new LabelSelectorMatcher(requirements);
    }

    /// <summary>
    /// Builds a selector from a metav1.LabelSelector object (<c>matchLabels</c>, <c>matchExpressions</c>).
    /// A null object selects nothing, an empty one everything, as in Kubernetes.
    /// </summary>
    public static LabelSelectorMatcher? FromJson(JsonObject? selector)
    {
        if (selector is null)
        {
            return null;
        }

        var requirements = new List<Requirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                requirements.Add(new Requirement(key, Operator.Equals, [value?.GetValue<string>() ?? ""]));
            }
        }

        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                var key = expression["key"]?.GetValue<string>() ?? "";
                var values = expression["values"] is JsonArray array
                    ? array.Select(v => v?.GetValue<string>() ?? "").ToArray()
                    : [];
                requirements.Add(new Requirement(key, ParseOperator(expression["operator"]?.GetValue<string>()), values));
            }
        }

        return new LabelSelectorMatcher(requirements);
    }

    /// <summary>
    /// Builds a selector from a label selector model (a workload's or budget's <c>spec.selector</c>).
    /// A null selector selects nothing, an empty one everything, as in Kubernetes.
    /// </summary>
    public static LabelSelectorMatcher? From(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return null;
        }

        var requirements = new List<Requirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(new Requirement(key, Operator.Equals, [value ?? ""]));
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            requirements.Add(new Requirement(expression.Key ?? "", ParseOperator(expression.OperatorProperty), expression.Values?.ToArray() ?? []));
        }

        return new LabelSelectorMatcher(requirements);
    }

    /// <summary>True when every requirement holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The selector in query-string form (as Scale.status.selector shows it).</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    private static Operator ParseOperator(string? op) => op switch
    {
        "In" => Operator.In,
        "NotIn" => Operator.NotIn,
        "Exists" => Operator.Exists,
        "DoesNotExist" => Operator.NotExists,
        var other => throw ApiException.BadRequest($"\"{other}\" is not a valid label selector operator"),
    };

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseRequirement(string part)
    {
        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            ValidateKey(key, part);
            return new Requirement(key, Operator.NotExists, []);
        }

        var match = RequirementPattern().Match(part);
        if (!match.Success)
        {
            throw ApiException.BadRequest($"unable to parse requirement: found '{part}', expected: in, notin, =, ==, !=, gt, lt");
        }

        var name = match.Groups["key"].Value;
        ValidateKey(name, part);
        if (match.Groups["op"].Success)
        {
            var value = match.Groups["val"].Value;
            return match.Groups["op"].Value switch
            {
                "!=" => new Requirement(name, Operator.NotEquals, [value]),
                ">" => new Requirement(name, Operator.GreaterThan, [value]),
                "<" => new Requirement(name, Operator.LessThan, [value]),
                _ => new Requirement(name, Operator.Equals, [value]),
            };
        }

        if (match.Groups["setop"].Success)
        {
            var values = match.Groups["vals"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new Requirement(name, match.Groups["setop"].Value == "in" ? Operator.In : Operator.NotIn, values);
        }

        return new Requirement(name, Operator.Exists, []);
    }

    private static void ValidateKey(string key, string part)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw ApiException.BadRequest($"unable to parse requirement: invalid label key \"{key}\" in '{part}'");
        }
    }

    [GeneratedRegex(@"^(?<key>[^\s!=(),<>]+)\s*(?:(?<op>==|!=|=|<|>)\s*(?<val>[^\s,()]*)|\s+(?<setop>in|notin)\s*\((?<vals>[^)]*)\))?\s*$")]
    private static partial Regex RequirementPattern();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex KeyPattern();

    private enum Operator { Equals, NotEquals, In, NotIn, Exists, NotExists, GreaterThan, LessThan }

    private sealed record Requirement(string Key, Operator Op, string[] Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Equals => has && value == Values[0],
                Operator.NotEquals => !has || value != Values[0],
                Operator.In => has && Values.Contains(value),
                Operator.NotIn => !has || !Values.Contains(value),
                Operator.Exists => has,
                Operator.NotExists => !has,
                Operator.GreaterThan => has && long.TryParse(value, out var g) && long.TryParse(Values[0], out var gv) && g > gv,
                Operator.LessThan => has && long.TryParse(value, out var l) && long.TryParse(Values[0], out var lv) && l < lv,
                _ => false,
            };
        }

        public override string ToString() => Op switch
        {
            Operator.Equals => $"{Key}={Values[0]}",
            Operator.NotEquals => $"{Key}!={Values[0]}",
            Operator.In => $"{Key} in ({string.Join(",", Values)})",
            Operator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
            Operator.Exists => Key,
            Operator.NotExists => "!" + Key,
            Operator.GreaterThan => $"{Key}>{Values[0]}",
            _ => $"{Key}<{Values[0]}",
        };
    }
}
