/**
 * The ICU arguments of a message ({name}, {count, plural, …}), including those inside
 * plural and select branches. Plural branch texts such as `{# résultats}` are not
 * arguments. Throws on unbalanced braces.
 */
export function icuArguments(message: string): string[] {
  const found = new Set<string>();
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`${why} at ${i} in ${JSON.stringify(message)}`);
  };
  // Reads text up to the closing brace of the current branch (or the end).
  const readMessage = (nested: boolean) => {
    while (i < message.length) {
      const c = message[i];
      if (c === '{') readArgument();
      else if (c === '}') {
        if (!nested) fail('unexpected }');
        return;
      } else i++;
    }
    if (nested) fail('unclosed branch');
  };
  const readToken = () => {
    const start = i;
    while (i < message.length && !/[\s{},]/.test(message[i] ?? '')) i++;
    return message.slice(start, i);
  };
  const skipSpace = () => {
    while (/\s/.test(message[i] ?? '')) i++;
  };
  const readArgument = () => {
    i++; // {
    skipSpace();
    const name = readToken();
    if (!/^\w+$/.test(name)) fail(`bad argument name ${JSON.stringify(name)}`);
    found.add(name);
    skipSpace();
    if (message[i] === '}') {
      i++;
      return;
    }
    if (message[i] !== ',') fail('expected , or }');
    i++;
    skipSpace();
    const type = readToken();
    skipSpace();
    if (message[i] === '}') {
      i++;
      return;
    }
    if (message[i] !== ',') fail('expected , or }');
    i++;
    if (['plural', 'select', 'selectordinal'].includes(type)) {
      for (;;) {
        skipSpace();
        if (message[i] === '}') {
          i++;
          return;
        }
        const selector = readToken();
        if (!selector) fail('missing selector');
        skipSpace();
        if (message[i] !== '{') fail('expected { after selector');
        i++;
        readMessage(true);
        i++; // }
      }
    }
    // number, date, time with a style: skip to the closing brace.
    while (i < message.length && message[i] !== '}') i++;
    if (message[i] !== '}') fail('unclosed argument');
    i++;
  };
  readMessage(false);
  return [...found].sort();
}
