/**
 * Runs while the browser parses <head>, before the first paint:
 * - applies a theme the reader chose earlier (no flash of the wrong theme; without a choice the
 *   system setting applies through CSS) and marks that JavaScript runs, so the toggle shows;
 * - hides images that fail to load (news image hosts often refuse hotlinks) instead of leaving a
 *   broken-image box: error events do not bubble, so one capturing listener sees them all.
 */
const script = `(function(){var d=document.documentElement;try{var t=localStorage.getItem('theme');if(t==='dark'||t==='light')d.dataset.theme=t}catch(e){}d.classList.add('js');
document.addEventListener('error',function(e){var i=e.target;if(!i||i.tagName!=='IMG')return;var f=i.closest('.thumbnail');if(f){f.hidden=true;var l=f.closest('.list-item');if(l)l.classList.remove('has-thumbnail')}else if(i.closest('.post-content')){i.hidden=true}},true)})()`;

export function HeadScript() {
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
