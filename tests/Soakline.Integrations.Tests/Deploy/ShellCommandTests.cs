using Soakline.Integrations.Deploy;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Deploy.Shell;
using Soakline.Pipeline.Domain;

namespace Soakline.Integrations.Tests.Deploy;

/// <summary>The command builder's quoting, checked by running what it builds through a real /bin/sh.</summary>
public sealed class ShellCommandTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData("'")]
    [InlineData("''''")]
    [InlineData("$(id) `id` $HOME ${PATH}")]
    [InlineData("a\nb\tc  d")]
    [InlineData("\\'\\\"")]
    [InlineData("; rm -rf / #")]
    [InlineData("")]
    public async Task A_quoted_word_reaches_the_program_as_exactly_one_unchanged_argument(string word)
    {
        // printf %s\0 prints each argument NUL-terminated: one argument in, one argument out, same bytes.
        var command = ShellCommand.RunScript(ShellScript.FromSpec("printf '%s\\0' \"$@\"", "test"), ShellArgument.Script(ShellScript.Builtin(word)));

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", command.Text], null, null, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal(word + "\0", result.StandardOutput);
    }

    [Fact]
    public void Words_are_single_quoted_with_embedded_quotes_closed_escaped_and_reopened()
    {
        Assert.Equal("'it'\\''s'", ShellQuoting.Quote("it's"));
        Assert.Throws<ArgumentException>(() => ShellQuoting.Quote("nul\0byte"));
    }

    [Fact]
    public void The_switch_is_a_temporary_link_renamed_over_current()
    {
        var layout = new ReleaseLayout(RemotePath.Parse("/srv/app", "test"));
        var release = ReleaseId.Parse("20261123T114500Z-1a2b3c4");

        Assert.Equal(
            "ln '-sfn' '--' 'releases/20261123T114500Z-1a2b3c4' '/srv/app/.current-20261123T114500Z-1a2b3c4' && " +
            "mv '-T' '--' '/srv/app/.current-20261123T114500Z-1a2b3c4' '/srv/app/current'",
            ReleaseCommands.SwitchCurrent(layout, release).Text);
    }

    [Theory]
    [InlineData("/srv/app")]
    [InlineData("app")]
    [InlineData("srv/app-1.2_x+y@z/")]
    [InlineData("/")]
    public void Plain_paths_are_accepted(string path) => Assert.True(RemotePath.TryParse(path, out _));

    [Theory]
    [InlineData("")]
    [InlineData("/srv/../etc")]
    [InlineData("..")]
    [InlineData("-rf")]
    [InlineData("/srv/-rf")]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("$(id)")]
    [InlineData("a`b`")]
    [InlineData("a'b")]
    [InlineData("~/app")]
    [InlineData("a\nb")]
    [InlineData("a//b")]
    public void Paths_with_shell_syntax_traversal_or_option_shape_are_refused(string path)
    {
        Assert.False(RemotePath.TryParse(path, out _));
        var error = Assert.Throws<ArgumentException>(() => RemotePath.Parse(path, "ReleaseRoot"));
        Assert.StartsWith("ReleaseRoot:", error.Message);
    }

    [Theory]
    [InlineData("rm -rf /")]
    [InlineData("-x y")]
    [InlineData("--a;b")]
    [InlineData("plain")]
    public void Options_must_look_like_options(string text) => Assert.Throws<ArgumentException>(() => ShellArgument.Option(text));

    [Theory]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("$x")]
    public void Literals_must_be_plain(string text) => Assert.Throws<ArgumentException>(() => ShellArgument.Literal(text));

    [Fact]
    public void Program_names_must_be_plain() =>
        Assert.Throws<ArgumentException>(() => ShellCommand.Run("rm -rf /"));

    [Fact]
    public void Secrets_in_host_output_are_masked_longest_first_and_short_values_are_left_alone()
    {
        var redactor = new SecretRedactor(["hunter2-long", "hunter2", "on"]);

        Assert.Equal("token=*** other=*** flag=on", redactor.Redact("token=hunter2-long other=hunter2 flag=on"));
    }

    [Fact]
    public void Environment_travels_as_base64_lines_and_names_are_validated()
    {
        var environment = new HookEnvironment().Set("B", "two\nlines").Set("A", "x'y");

        Assert.Equal("A eCd5\nB dHdvCmxpbmVz\n", environment.ToStandardInput());
        var error = Assert.Throws<ArgumentException>(() => environment.Set("1BAD", "x"));
        Assert.StartsWith("Environment:", error.Message);
    }

    [Fact]
    public void Previous_release_is_the_newest_one_older_than_current_and_foreign_folders_are_ignored()
    {
        var state = HostReleaseState.Parse(
            "releases/20261102T000000Z-bbbbbbb\n",
            "20261101T000000Z-aaaaaaa\n20261102T000000Z-bbbbbbb\n20261103T000000Z-ccccccc\nbackup-old\n");

        Assert.Equal("20261102T000000Z-bbbbbbb", state.Current?.Value);
        Assert.Equal("20261101T000000Z-aaaaaaa", state.Previous?.Value);
        Assert.Equal(3, state.Available.Count);
    }

    [Fact]
    public void The_restart_marker_names_the_release_last_restarted_and_a_missing_or_foreign_marker_names_none()
    {
        const string Listing = "20261101T000000Z-aaaaaaa\n20261102T000000Z-bbbbbbb\n";

        Assert.Equal("20261101T000000Z-aaaaaaa", HostReleaseState.Parse("releases/20261102T000000Z-bbbbbbb\n", Listing, "20261101T000000Z-aaaaaaa\n").Restarted?.Value);
        Assert.Null(HostReleaseState.Parse("releases/20261102T000000Z-bbbbbbb\n", Listing).Restarted);
        Assert.Null(HostReleaseState.Parse("releases/20261102T000000Z-bbbbbbb\n", Listing, "not a release\n").Restarted);
    }
}
