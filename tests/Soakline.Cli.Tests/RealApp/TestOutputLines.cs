using System.Text;
using Xunit.Abstractions;

namespace Soakline.Cli.Tests.RealApp;

/// <summary>The demo rig's progress lines into the test's output, shown when a test fails.</summary>
internal sealed class TestOutputLines(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }

            var line = _line.ToString().TrimEnd('\r');
            _line.Clear();
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has finished; a late line from a process shutting down has nowhere to go.
            }
        }
    }
}
