using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>What reaches xUnit's diagnostic sink (the terminal of dotnet test) and console.log, line by line.</summary>
public sealed class LiveProgressTests
{
    [Fact]
    public async Task Each_non_empty_line_is_one_diagnostic_message_and_the_transcript_gets_the_text()
    {
        var sink = new RecordingSink();
        var transcript = new List<string>();

        await Task.Run(() =>
        {
            ScenarioRun.Current = new ScenarioRun(new ProgressChannel(sink));
            using var _ = LiveProgress.AttachTranscript(transcript.Add);
            LiveProgress.Write("first\n\n  second\r\n");
            LiveProgress.WriteReport("[3/7] Node Drain\n");
        });

        sink.Lines.Should().Equal("first", "  second", "[3/7] Node Drain");
        transcript.Should().Equal(["first\n\n  second\r\n"], "report text is already in console.log: only live lines are appended");
    }

    [Fact]
    public async Task Narration_is_sent_live_indented_under_the_scenario_heading()
    {
        var sink = new RecordingSink();

        await Task.Run(() =>
        {
            ScenarioRun.Current = new ScenarioRun(new ProgressChannel(sink));
            StepInfo.Current = new StepInfo("NodeDrain", 5, "Drain the node");
            new Narrator(null, TextWriter.Null).By("Evicting pod ray-worker-1");
        });

        sink.Lines.Should().ContainSingle().Which.Should().MatchRegex(@"^  \d\d:\d\d:\d\d\.\d{3} \[NodeDrain 05\] Evicting pod ray-worker-1$");
    }

    [Fact]
    public async Task A_long_wait_reports_every_interval_with_elapsed_deadline_and_state_and_stops_when_it_ends()
    {
        var sink = new RecordingSink();

        await Task.Run(async () =>
        {
            ScenarioRun.Current = new ScenarioRun(new ProgressChannel(sink) { Interval = TimeSpan.FromMilliseconds(200) });
            StepInfo.Current = new StepInfo("NodeDrain", 6, "Monitor");
            using (LiveProgress.Waiting("worker back at 3 Ready pods", TimeSpan.FromMinutes(10), "ZD_TIMING__NODE_DRAIN__MONITORING_WINDOW", () => "worker 2 Ready"))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(700));
            }
        });
        var count = sink.Lines.Count;
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        sink.Lines.Should().HaveCountGreaterThanOrEqualTo(1).And.HaveCount(count, "nothing is reported once the wait is over");
        sink.Lines[0].Should().MatchRegex(
            @"^  \d\d:\d\d:\d\d\.\d{3} \[NodeDrain 06\] still waiting for worker back at 3 Ready pods: 0\.\d s of 10 min \(ZD_TIMING__NODE_DRAIN__MONITORING_WINDOW\); worker 2 Ready$");
    }

    [Fact]
    public async Task A_wait_shorter_than_the_interval_and_writes_outside_a_run_print_nothing()
    {
        var sink = new RecordingSink();

        await Task.Run(async () =>
        {
            LiveProgress.Write("no run yet");
            LiveProgress.IsConnected.Should().BeFalse();
            ScenarioRun.Current = new ScenarioRun(new ProgressChannel(sink) { Interval = TimeSpan.FromSeconds(5) });
            using (LiveProgress.Waiting("a quick thing", TimeSpan.FromSeconds(30)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        });

        sink.Lines.Should().BeEmpty();
    }

    private sealed class RecordingSink : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly List<string> _lines = [];

        public List<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is IDiagnosticMessage diagnostic)
            {
                lock (_lines)
                {
                    _lines.Add(diagnostic.Message);
                }
            }

            return true;
        }
    }
}
