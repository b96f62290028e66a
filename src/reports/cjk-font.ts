// Finds a font that can draw Chinese, so chart images show 汉字 instead of tofu boxes.
// The font comes with `npm install` (Noto Sans SC from @expo-google-fonts/noto-sans-sc, SIL OFL 1.1, a static TTF that
// resvg reads), so charts look the same on every machine. Only when that file is gone do we look for a system font:
// a directory scan by known file names first (no process spawn), `fc-list` once only when the scan misses.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CjkFont {
  family: string;
  file: string;
}

export const CJK_FONT_MISSING_WARNING =
  '未找到中文字体，图表中的汉字会显示为方块：请重新运行 npm install（字体包 @expo-google-fonts/noto-sans-sc），或安装系统字体 fonts-wqy-microhei';

/** The font package's Regular weight; one file of the nine weights the package ships. */
const PACKAGED_FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/** The CJK font installed with our npm dependencies, or null when node_modules lacks it. */
export function packagedCjkFont(): CjkFont | null {
  try {
    const file = createRequire(import.meta.url).resolve(PACKAGED_FONT_FILE);
    return existsSync(file) ? { family: 'Noto Sans SC', file } : null;
  } catch {
    return null; // package not installed (e.g. a pruned node_modules)
  }
}

/** Preferred fonts, best first. `files` matches the file names the distro packages and upstream releases use. */
const KNOWN_FONTS: ReadonlyArray<{ family: string; files: RegExp }> = [
  { family: 'WenQuanYi Micro Hei', files: /^wqy-microhei\.ttc$/i },
  { family: 'Noto Sans CJK SC', files: /^NotoSansCJK(sc)?-(Regular|Medium|Light|DemiLight)\.(ttc|otf)$/i },
  { family: 'Noto Sans SC', files: /^NotoSansSC(-Regular|\[wght\])\.(otf|ttf)$/i },
  { family: 'Source Han Sans SC', files: /^SourceHanSans(SC)?-(Regular|Medium|Normal)\.(ttc|otf)$/i },
  { family: 'Source Han Sans CN', files: /^SourceHanSansCN-(Regular|Medium|Normal)\.otf$/i },
];

/** Matched by family name in `fc-list` output, where file names may be anything. */
const KNOWN_FAMILIES = [
  'WenQuanYi Micro Hei',
  'Noto Sans CJK SC',
  'Noto Sans SC',
  'Source Han Sans SC',
  'Source Han Sans CN',
  'Source Han Sans',
];

export function defaultFontDirs(): string[] {
  const home = homedir();
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(home, '.local/share/fonts')];
}

export interface FindCjkFontOptions {
  /** Use the font that comes with npm install when it is there (default true). */
  packaged?: boolean;
  /** Directories to scan; defaults to the usual system and user font dirs. */
  dirs?: string[];
  /** Ask fontconfig when the scan finds nothing (default true). */
  useFcList?: boolean;
}

let cached: CjkFont | null | undefined;

/**
 * The packaged CJK font, else the best system one, else null. The default lookup is cached: fonts do not change while
 * we run.
 */
export function findCjkFont(options?: FindCjkFontOptions): CjkFont | null {
  if (options === undefined && cached !== undefined) return cached;
  const found =
    ((options?.packaged ?? true) ? packagedCjkFont() : null) ??
    scanDirs(options?.dirs ?? defaultFontDirs()) ??
    ((options?.useFcList ?? true) ? askFontconfig() : null);
  if (options === undefined) cached = found;
  return found;
}

/** For start-up: calls `warn` with the Chinese hint when no CJK font is installed. */
export function warnIfNoCjkFont(warn: (message: string) => void): CjkFont | null {
  const font = findCjkFont();
  if (font === null) warn(CJK_FONT_MISSING_WARNING);
  return font;
}

function scanDirs(dirs: string[]): CjkFont | null {
  const files = dirs.flatMap((dir) => listFiles(dir, 4));
  for (const known of KNOWN_FONTS) {
    const file = files.find((f) => known.files.test(baseName(f)));
    if (file !== undefined) return { family: known.family, file };
  }
  return null;
}

/** Breadth-first, so a real dir wins over the same dir reached again through a symlink. */
function listFiles(root: string, maxDepth: number): string[] {
  const out: string[] = [];
  let level = [root];
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // missing or unreadable dir: nothing to find there
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        // Distros symlink font dirs; the depth limit keeps a symlink loop finite.
        if (e.isDirectory() || (e.isSymbolicLink() && isDir(path))) next.push(path);
        else out.push(path);
      }
    }
    level = next;
  }
  return out;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // dangling symlink
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lines look like `/path/wqy-microhei.ttc: WenQuanYi Micro Hei,文泉驛微米黑`. */
function askFontconfig(): CjkFont | null {
  let output: string;
  try {
    output = execFileSync('fc-list', [':lang=zh', 'family', 'file'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null; // fontconfig not installed
  }
  const fonts: CjkFont[] = [];
  for (const line of output.split('\n')) {
    const sep = line.indexOf(': ');
    if (sep < 0) continue;
    const file = line.slice(0, sep).trim();
    const families = line
      .slice(sep + 2)
      .split(',')
      .map((f) => f.trim());
    for (const family of families) fonts.push({ family, file });
  }
  for (const family of KNOWN_FAMILIES) {
    const hit = fonts.find((f) => f.family === family);
    if (hit !== undefined) return hit;
  }
  // Any Chinese-capable font beats boxes.
  return fonts[0] ?? null;
}
