# bash completion for secrets(1), the command-line program of libsecrets.
#
# Commands and options are read from the program's own help text (which is
# printed from its one table of commands and options), so the completion
# always matches the installed program. Installed by CMake to
# share/bash-completion/completions/secrets.

# _secrets_commands PROG: the command names, one per line.
_secrets_commands()
{
    "$1" --help 2>/dev/null | awk '
        /^Commands:/ { on = 1; next }
        /^$/ { on = 0 }
        on { print $1 }'
}

# _secrets_options PROG COMMAND: the command's options (short and long).
_secrets_options()
{
    "$1" help "$2" 2>/dev/null | awk '
        /^Options:/ { on = 1; next }
        /^$/ { on = 0 }
        on { for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); print $i } }'
}

_secrets()
{
    local cur prev prog cmd i w
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    prog=${COMP_WORDS[0]:-secrets}

    # The value of an option.
    case $prev in
    -o | --output | -W | --wordlist)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
        ;;
    -n | --count | -l | --length | -a | --alphabet | -x | --exclude | -w | --words | \
        -S | --separator | --min-lower | --min-upper | --min-digits | --min-symbols)
        return 0
        ;;
    esac

    # The command: the first operand, skipping global options and their values.
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        -n | --count | -o | --output) ((i++)) ;;
        -*) ;;
        *)
            cmd=${w//_/-}
            break
            ;;
        esac
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '-n --count -o --output -h --help -V --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "help $(_secrets_commands "$prog")" -- "$cur"))
        fi
    elif [[ $cmd == help ]]; then
        ((i + 1 == COMP_CWORD)) &&
            COMPREPLY=($(compgen -W "$(_secrets_commands "$prog")" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_secrets_options "$prog" "$cmd")" -- "$cur"))
    elif [[ $cmd == shuffle || $cmd == sample ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
}

complete -F _secrets secrets
