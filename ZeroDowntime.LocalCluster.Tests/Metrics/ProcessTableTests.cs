using System.Diagnostics;
using ZeroDowntime.LocalCluster.Metrics;

namespace ZeroDowntime.LocalCluster.Tests.Metrics;

public sealed class ProcessTableTests
{
    [Fact]
    public void A_stat_line_is_read_after_the_last_parenthesis_so_odd_command_names_do_not_shift_fields()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime prio nice threads itreal start vsize rss ...
        const string Line = "4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 500 0 0 0 120 30 7 3 20 0 12 0 9000 123456789 2048 18446744073709551615";

        ProcessTable.Parse(Line).Should().Be(new ProcessTable.Entry(17, 120 + 30 + 7 + 3, 2048));
    }

    [Fact]
    public void A_truncated_line_is_not_an_entry() => ProcessTable.Parse("12 (x) S 1 2 3").Should().BeNull();

    [Fact]
    public void A_process_tree_counts_the_cpu_of_its_descendants()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A shell whose child burns about half a second of CPU, then sleeps: the shell itself uses almost none.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "(i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 30) & wait"]))!;
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            (double Cpu, long Memory)? usage = null;
            while (DateTime.UtcNow < deadline)
            {
                usage = ProcessTable.Read().TreeUsage(shell.Id);
                if (usage is { Cpu: > 0.2 })
                {
                    break;
                }

                Thread.Sleep(200); // polling /proc: there is nothing to wait on for another process's CPU time
            }

            usage.Should().NotBeNull();
            usage!.Value.Cpu.Should().BeGreaterThan(0.2, "the busy child is a descendant of the shell");
            usage.Value.Memory.Should().BeGreaterThan(0);
            ProcessTable.Read().TreeUsage(int.MaxValue).Should().BeNull("no such process");
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
        }
    }
}
