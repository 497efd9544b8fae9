using Microsoft.Extensions.Options;

namespace Soakline.Functions.Configuration;

/// <summary>
/// Validates one options type by collecting every problem, one line each naming its setting, instead of stopping at the
/// first: the failure carries them all, and <see cref="AppSettingsReader"/> joins those of every type into one message.
/// </summary>
internal abstract class ProblemListValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        AddProblems(options, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Adds one problem per bad setting of <paramref name="options"/>; none when they are all usable.</summary>
    protected abstract void AddProblems(TOptions options, List<string> problems);
}
