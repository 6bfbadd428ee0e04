using System.Globalization;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Resumes a broken <c>pods/log?follow=true&amp;timestamps=true</c> stream without losing or repeating
/// lines. The resumed stream starts a little before the last delivered line (<c>sinceSeconds</c> has
/// whole-second resolution and is counted on the server's clock), so it repeats lines: a line older
/// than the last one delivered is dropped, and at the last delivered instant as many copies of a text
/// are dropped as were already delivered.
/// </summary>
/// <example>
/// <code>
/// var cursor = new K6JobLogCursor();
/// using var log = await kube.CoreV1.ReadNamespacedPodLogAsync(pod, ns, follow: true, timestamps: true,
///     sinceSeconds: cursor.ResumeSinceSeconds(DateTimeOffset.UtcNow));
/// // for each line: if (cursor.Accept(raw, out var line)) Handle(line);
/// </code>
/// </example>
public sealed class K6JobLogCursor
{
    private readonly Dictionary<string, int> _atLast = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _replayed = new(StringComparer.Ordinal);
    private DateTimeOffset? _last;

    /// <summary>
    /// How far back a resumed stream reaches beyond the last delivered line, for a node clock ahead of ours:
    /// <c>sinceSeconds</c> counts back from the server's now. Lines from before the cursor are dropped again, so
    /// reaching too far back costs a few repeated lines, never a lost one.
    /// </summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(5);

    /// <summary>Where to resume: the last delivered line's instant; null before any line.</summary>
    public DateTimeOffset? ResumeFrom => _last;

    /// <summary>
    /// The <c>sinceSeconds</c> of a resumed stream (the client's <c>pods/log</c> call has no <c>sinceTime</c>): whole
    /// seconds from <see cref="ResumeFrom"/> to <paramref name="now"/>, rounded up, plus <see cref="ClockSkewAllowance"/>.
    /// Null before any line: the first stream starts at the beginning of the log.
    /// </summary>
    public int? ResumeSinceSeconds(DateTimeOffset now)
    {
        if (_last is not { } last)
        {
            return null;
        }

        var back = Math.Max(0, (now - last).TotalSeconds) + ClockSkewAllowance.TotalSeconds;
        return (int)Math.Ceiling(back);
    }

    /// <summary>Lines delivered so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>Call before reading a resumed stream: the repeated lines of the last instant are dropped again from the start.</summary>
    public void BeginResume() => _replayed.Clear();

    /// <summary>
    /// Takes one raw line (timestamp, space, text); returns true and the text without the timestamp when
    /// it is new. A line without a timestamp is delivered as is.
    /// </summary>
    public bool Accept(string raw, out string line)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var space = raw.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !TryParseTimestamp(raw.AsSpan(0, space), out var at))
        {
            line = raw;
            Delivered++;
            return true;
        }

        line = raw[(space + 1)..];
        if (_last is { } last)
        {
            if (at < last)
            {
                return false;
            }

            if (at == last)
            {
                _replayed.TryGetValue(line, out var seen);
                _atLast.TryGetValue(line, out var delivered);
                _replayed[line] = seen + 1;
                if (seen < delivered)
                {
                    return false; // a repeat of a line already delivered at this instant
                }

                _atLast[line] = delivered + 1;
                Delivered++;
                return true;
            }
        }

        _last = at;
        _atLast.Clear();
        _replayed.Clear();
        _atLast[line] = 1;
        _replayed[line] = 1;
        Delivered++;
        return true;
    }

    /// <summary>Parses an RFC 3339 timestamp with up to 9 fractional digits (the kubelet's RFC3339Nano), keeping 100 ns ticks.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var digits = text[(dot + 1)..end];
            if (digits.Length > 7)
            {
                text = string.Concat(text[..(dot + 8)], text[end..]); // 100 ns is what DateTimeOffset holds
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
            && text.Length >= 20 && text[4] == '-' && text[10] == 'T';
    }
}
