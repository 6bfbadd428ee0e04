namespace ZeroDowntime.MockVllm.Serving;

/// <summary>One line per event on stdout (or a test's writer): timestamp, node name, message.</summary>
internal sealed class EventLog(TextWriter writer, string nodeName)
{
    private readonly Lock gate = new();

    public void Write(string message)
    {
        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} mockvllm[{nodeName}] {message}";
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
