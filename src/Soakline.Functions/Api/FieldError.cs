namespace Soakline.Functions.Api;

/// <summary>What is wrong with one field of a request, for <see cref="ApiProblems.Invalid"/>.</summary>
internal sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
