using System.Text;
using Xunit.Abstractions;

namespace Soakline.EndToEnd.Tests.Release;

/// <summary>
/// The rig's progress lines into the test's output (shown when a test fails, or with detailed logging) and into a file
/// under test-output, which CI keeps either way.
/// </summary>
internal sealed class TestOutputWriter(ITestOutputHelper output, string logFile) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                Emit();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    private void Emit()
    {
        var line = _line.ToString();
        _line.Clear();
        File.AppendAllText(logFile, line + Environment.NewLine);
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished: the line is still in the log file.
        }
    }
}
