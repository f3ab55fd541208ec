// Compiled by MSBuild's RoslynCodeTaskFactory (see PublicXmlDocs.targets); not part of any package.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class KeepPublicXmlDocs : Task
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Required] public string Assembly { get; set; } = "";
    [Required] public string DocumentationFile { get; set; } = "";
    [Required] public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string RemovedListFile { get; set; } = "";
    [Required] public string MetadataLoadContextAssembly { get; set; } = "";

    public override bool Execute()
    {
        var paths = References.Select(r => r.GetMetadata("FullPath")).Distinct(StringComparer.OrdinalIgnoreCase);
        // The task factory compiles against netstandard only, so MetadataLoadContext (it reads the assembly without
        // loading it into MSBuild's long-lived process) is created through reflection; what it returns is plain System.Reflection.
        var mlc = System.Reflection.Assembly.LoadFrom(MetadataLoadContextAssembly);
        var resolver = Activator.CreateInstance(mlc.GetType("System.Reflection.PathAssemblyResolver", true)!, new object[] { paths.ToArray() })!;
        var contextType = mlc.GetType("System.Reflection.MetadataLoadContext", true)!;
        using var context = (IDisposable)Activator.CreateInstance(contextType, resolver, null)!;
        // Read from a copy in memory: no handle stays open on the file the build copies next.
        var assembly = (System.Reflection.Assembly)contextType.GetMethod("LoadFromByteArray")!.Invoke(context, new object[] { File.ReadAllBytes(Assembly) })!;
        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(IsVisible))
        {
            var typeId = TypeName(type);
            visible.Add("T:" + typeId);
            foreach (var member in type.GetMembers(Declared))
            {
                var id = MemberId(typeId, member);
                if (id != null) visible.Add(id);
            }
        }

        var doc = XDocument.Load(DocumentationFile, LoadOptions.PreserveWhitespace);
        var removed = doc.Descendants("member").Where(m => !visible.Contains((string?)m.Attribute("name") ?? "")).ToList();
        foreach (var member in removed) member.Remove();
        doc.Save(DocumentationFile);
        File.WriteAllLines(RemovedListFile, removed.Select(m => (string?)m.Attribute("name") ?? ""));
        Log.LogMessage(MessageImportance.Low, "{0}: removed {1} non-public <member> entries", Path.GetFileName(DocumentationFile), removed.Count);
        return !Log.HasLoggedErrors;
    }

    private static bool IsVisible(Type type) =>
        type.IsPublic || ((type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!));

    private static bool IsVisible(MethodBase? method) => method != null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static string? MemberId(string typeId, MemberInfo member)
    {
        switch (member)
        {
            case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                return "F:" + typeId + "." + f.Name;
            case PropertyInfo p when IsVisible(p.GetMethod) || IsVisible(p.SetMethod):
                return "P:" + typeId + "." + p.Name + Parameters(p.GetIndexParameters());
            case EventInfo e when IsVisible(e.AddMethod):
                return "E:" + typeId + "." + e.Name;
            case MethodBase m when IsVisible(m):
                var name = m.Name.Replace('.', '#');
                if (m.IsGenericMethodDefinition) name += "``" + m.GetGenericArguments().Length;
                var id = "M:" + typeId + "." + name + Parameters(m.GetParameters());
                if (m is MethodInfo mi && (m.Name == "op_Implicit" || m.Name == "op_Explicit")) id += "~" + TypeId(mi.ReturnType);
                return id;
            default:
                return null;
        }
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => TypeId(p.ParameterType))) + ")";

    // The documentation-comment ID of a type as a parameter or return type (ECMA-334 annex D).
    private static string TypeId(Type type)
    {
        if (type.IsGenericParameter) return (type.DeclaringMethod != null ? "``" : "`") + type.GenericParameterPosition;
        if (type.IsByRef) return TypeId(type.GetElementType()!) + "@";
        if (type.IsPointer) return TypeId(type.GetElementType()!) + "*";
        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return TypeId(type.GetElementType()!) + (rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition) return ConstructedName(type, type.GetGenericArguments(), out _);
        return TypeName(type);
    }

    // Ns.Outer{A}.Inner{B}: each nesting level takes its own share of the flattened generic arguments.
    private static string ConstructedName(Type type, Type[] arguments, out int used)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        var name = definition.Name;
        var tick = name.IndexOf('`');
        var arity = tick < 0 ? 0 : int.Parse(name.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
        if (tick >= 0) name = name.Substring(0, tick);
        string prefix;
        if (definition.IsNested)
        {
            prefix = ConstructedName(definition.DeclaringType!, arguments, out used) + ".";
        }
        else
        {
            prefix = string.IsNullOrEmpty(definition.Namespace) ? "" : definition.Namespace + ".";
            used = 0;
        }

        if (arity > 0)
        {
            name += "{" + string.Join(",", arguments.Skip(used).Take(arity).Select(TypeId)) + "}";
            used += arity;
        }

        return prefix + name;
    }

    private static string TypeName(Type type) =>
        type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : (string.IsNullOrEmpty(type.Namespace) ? "" : type.Namespace + ".") + type.Name;
}
