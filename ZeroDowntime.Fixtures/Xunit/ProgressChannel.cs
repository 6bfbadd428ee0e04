using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Where one run's live progress goes: xUnit's diagnostic message sink (xunit.runner.visualstudio prints
/// diagnostic messages as warnings, which VSTest shows at default verbosity, as they arrive) and the run's
/// transcript (<c>console.log</c>, once the reporter attaches it).
/// </summary>
internal sealed class ProgressChannel(IMessageSink? sink)
{
    private readonly Lock _gate = new();
    private Action<string>? _transcript;

    /// <summary>How often a long wait says it is still waiting (the fixture sets it from the settings).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sends every non-empty line to the sink, and to the transcript unless <paramref name="transcript"/> is false.</summary>
    public void Write(string text, bool transcript)
    {
        Action<string>? append;
        lock (_gate)
        {
            append = transcript ? _transcript : null;
        }

        append?.Invoke(text);
        if (sink is null)
        {
            return;
        }

        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Trim().Length > 0)
            {
                sink.OnMessage(new DiagnosticMessage(trimmed));
            }
        }
    }

    /// <summary>Makes <paramref name="append"/> receive every live line until it is detached.</summary>
    public void Attach(Action<string> append)
    {
        lock (_gate)
        {
            _transcript = append;
        }
    }

    /// <summary>Stops sending lines to <paramref name="append"/> (if it is still the one attached).</summary>
    public void Detach(Action<string> append)
    {
        lock (_gate)
        {
            if (_transcript == append)
            {
                _transcript = null;
            }
        }
    }
}
