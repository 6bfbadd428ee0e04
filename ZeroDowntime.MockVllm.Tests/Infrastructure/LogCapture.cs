using System.Text;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>A thread-safe writer that keeps lines and lets a test wait for one containing some text.</summary>
internal sealed class LogCapture : TextWriter
{
    private readonly Lock gate = new();
    private readonly List<string> lines = [];
    private readonly StringBuilder partial = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return lines.ToList();
            }
        }
    }

    public override void Write(char value)
    {
        lock (gate)
        {
            if (value == '\n')
            {
                AddLine(partial.ToString().TrimEnd('\r'));
                partial.Clear();
            }
            else
            {
                partial.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            partial.Append(value);
            AddLine(partial.ToString());
            partial.Clear();
        }
    }

    public void AddLine(string line)
    {
        lock (gate)
        {
            lines.Add(line);
            changed.TrySetResult();
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Waits for the <paramref name="occurrence"/>-th line containing <paramref name="contains"/> (the first by default).</summary>
    public async Task<string> WaitForLineAsync(string contains, TimeSpan timeout, int occurrence = 1)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                var match = lines.Where(l => l.Contains(contains, StringComparison.Ordinal)).Skip(occurrence - 1).FirstOrDefault();
                if (match is not null)
                {
                    return match;
                }
                next = changed.Task;
            }
            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No log line #{occurrence} containing '{contains}' within {timeout.TotalSeconds:0.#}s. Lines:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
            }
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
