import { ChangeDetectionStrategy, Component } from '@angular/core';
import { Widget } from './widget/widget';

@Component({
  selector: 'kefu-widget-root',
  imports: [Widget],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<kefu-widget />`,
})
export class App {}
