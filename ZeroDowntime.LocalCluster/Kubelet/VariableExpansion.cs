using System.Text;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// Kubernetes' <c>$(VAR)</c> expansion for command, args and env values: a defined variable is
/// replaced, an undefined one is left as written, <c>$$</c> becomes <c>$</c>, and any other <c>$</c> stays.
/// </summary>
public static class VariableExpansion
{
    /// <summary>Expands <paramref name="input"/> with <paramref name="lookup"/>.</summary>
    /// <example><code>VariableExpansion.Expand("--host $(POD_IP) $$(KEEP)", vars) // "--host 127.10.0.7 $(KEEP)"</code></example>
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                output.Append(c);
                i++;
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i += 2;
            }
            else if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close < 0)
                {
                    // Unterminated reference: kept verbatim.
                    output.Append(input, i, input.Length - i);
                    break;
                }

                var name = input[(i + 2)..close];
                output.Append(name.Length > 0 && lookup(name) is { } value ? value : input[i..(close + 1)]);
                i = close + 1;
            }
            else
            {
                output.Append('$').Append(next);
                i += 2;
            }
        }

        return output.ToString();
    }
}
