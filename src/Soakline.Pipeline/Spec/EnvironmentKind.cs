namespace Soakline.Pipeline.Spec;

public enum EnvironmentKind
{
    Staging,
    Production,
}
